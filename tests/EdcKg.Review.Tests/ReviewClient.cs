using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EdcKg.Review.Tests;

/// <summary>A started review server with an HTTP client on it; disposing stops both.</summary>
internal sealed class ReviewClient(ReviewServer server) : IAsyncDisposable
{
    public ReviewServer Server { get; } = server;

    public HttpClient Client { get; } = new() { BaseAddress = server.Address };

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(path);

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<(HttpStatusCode Status, JsonElement Json)> PostAsync(string path, object? body)
    {
        using var response = body is null ? await Client.PostAsync(path, null) : await Client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task<string> EntityIdAsync(string name)
    {
        var found = await GetJsonAsync($"/api/entities?query={Uri.EscapeDataString(name)}");
        return found.GetProperty("items").EnumerateArray().First(e => e.GetProperty("name").GetString() == name).GetProperty("id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
