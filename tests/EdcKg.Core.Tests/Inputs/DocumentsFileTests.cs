using System.Text.Json;
using EdcKg.Core.Domain;
using EdcKg.Core.Inputs;
using EdcKg.Core.Outputs;

namespace EdcKg.Core.Tests.Inputs;

public sealed class DocumentsFileTests : IDisposable
{
    private readonly string folder = TestPaths.TempDirectory();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task DocumentsFile_HasOneLinePerDocument_WithIdSourceTextAndHash()
    {
        var documents = new[]
        {
            new Document(0, "a.txt", "Café 😀 \"quoted\"\nnext line") { Source = "a.txt" },
            new Document(1, "0", "Second.") { Source = null },
        };
        await DocumentsFile.WriteAsync(folder, documents, CancellationToken.None);

        var lines = File.ReadAllLines(Path.Combine(folder, "documents.jsonl"));
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("a.txt", first.RootElement.GetProperty("id").GetString());
        Assert.Equal("a.txt", first.RootElement.GetProperty("source").GetString());
        Assert.Equal(documents[0].Text, first.RootElement.GetProperty("text").GetString());
        Assert.Equal(ContentHash.Of(documents[0].Text), first.RootElement.GetProperty("sha256").GetString());
        Assert.Contains("Café", lines[0]);
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal(JsonValueKind.Null, second.RootElement.GetProperty("source").ValueKind);
    }

    [Fact]
    public void ContentHash_IsTheSha256OfTheUtf8Text()
        => Assert.Equal("185f8db32271fe25f561a6fc938b2e264306ec304eda518007d1764826381969", ContentHash.Of("Hello"));
}
