using System.Security.Cryptography;
using System.Text.Json;
using EdcKg.Cli.Models;

namespace EdcKg.Cli.Tests.Models;

public sealed class ModelsCommandTests : IDisposable
{
    private const string ModelName = "tiny-test-model";
    private readonly string folder = Directory.CreateTempSubdirectory("edckg-models-").FullName;
    private readonly byte[] content = MakeContent(3 * 1024 * 1024 + 123);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task DownloadsTheWholeFileAndVerifiesIt()
    {
        using var server = new RangeFileServer(content);
        var (code, output, error) = await Download(server.BaseUrl);

        Assert.True(code == ExitCodes.Success, error);
        var path = Path.Combine(folder, "models", "tiny.gguf");
        Assert.Equal(path, output.Trim());
        Assert.Equal(content, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + ModelDownloader.PartialSuffix));
        Assert.Contains("verified", error);
        Assert.Contains("--oie-llm " + path, error);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("/owner/repo/resolve/main/tiny.gguf", "none"), request);
    }

    [Fact]
    public async Task InterruptedDownloadKeepsThePartialFileAndResumesWithARangeRequest()
    {
        const int cut = 1024 * 1024 + 7;
        using var server = new RangeFileServer(content, cutFirstAnswerAfter: cut);
        var path = Path.Combine(folder, "models", "tiny.gguf");

        var (firstCode, _, firstError) = await Download(server.BaseUrl);
        Assert.Equal(ExitCodes.Failure, firstCode);
        Assert.Contains("run the same command again to resume", firstError);
        Assert.False(File.Exists(path));
        var partialLength = new FileInfo(path + ModelDownloader.PartialSuffix).Length;
        Assert.InRange(partialLength, 1, cut);

        var (secondCode, _, secondError) = await Download(server.BaseUrl);
        Assert.True(secondCode == ExitCodes.Success, secondError);
        Assert.Equal(content, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + ModelDownloader.PartialSuffix));
        Assert.Equal(["none", $"bytes={partialLength}-"], server.Requests.Select(r => r.Range));
    }

    [Fact]
    public async Task HashMismatchFailsAndLeavesNoFile()
    {
        using var server = new RangeFileServer(content);
        var wrong = Convert.ToHexStringLower(SHA256.HashData("other"u8));
        var (code, _, error) = await Download(server.BaseUrl, WriteCatalog(wrong));

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("SHA-256 mismatch", error);
        Assert.Contains(wrong, error);
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "models")));
    }

    [Fact]
    public async Task UnreachableHostGivesTheOfflineAdviceAndFails()
    {
        using var closed = TestModels.LoopbackHttpServer.ClosedPort(out var closedPort);
        var (code, _, error) = await Download($"http://127.0.0.1:{closedPort}/");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("cannot reach 127.0.0.1", error);
        Assert.Contains("machine that has internet", error);
        Assert.Contains("https://example.org/owner/repo/resolve/main/tiny.gguf", error);
        Assert.Contains("--oie-llm", error);
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "models")));
    }

    [Fact]
    public async Task UnknownModelNameIsRejectedNamingTheArgument()
    {
        var (code, _, error) = await CliRunner.InvokeAsync("models", "download", "no-such-model", "--catalog", WriteCatalog(), "--dir", folder);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("name: no model 'no-such-model'", error);
        Assert.Contains(ModelName, error);
    }

    [Fact]
    public async Task ExistingVerifiedFileIsNotDownloadedAgain()
    {
        using var server = new RangeFileServer(content);
        Assert.Equal(ExitCodes.Success, (await Download(server.BaseUrl)).ExitCode);
        var (code, _, error) = await Download(server.BaseUrl);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("already present", error);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task JsonListingCarriesSizesHashesAndUrlsOfTheShippedCatalogue()
    {
        var (code, output, error) = await CliRunner.InvokeAsync("models", "--json");

        Assert.True(code == ExitCodes.Success, error);
        using var document = JsonDocument.Parse(output);
        var models = document.RootElement.GetProperty("models").EnumerateArray().ToList();
        Assert.True(models.Count >= 3);
        foreach (var model in models)
        {
            Assert.False(string.IsNullOrEmpty(model.GetProperty("role").GetString()));
            foreach (var file in model.GetProperty("files").EnumerateArray())
            {
                Assert.True(file.GetProperty("size").GetInt64() > 10_000_000);
                Assert.Matches("^[0-9a-f]{64}$", file.GetProperty("sha256").GetString());
                Assert.StartsWith("https://", file.GetProperty("url").GetString());
            }
        }

        Assert.Contains(models, m => m.GetProperty("option").GetString() == "--oie-llm");
        Assert.Contains(models, m => m.GetProperty("option").GetString() == "--sc-embedder");
    }

    [Fact]
    public async Task PlainListingShowsEveryModelWithItsBytesAndHash()
    {
        var (code, output, _) = await CliRunner.InvokeAsync("models", "list", "--catalog", WriteCatalog());

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains(ModelName, output);
        Assert.Contains($"{content.Length} bytes", output);
        Assert.Contains("sha256:" + Convert.ToHexStringLower(SHA256.HashData(content)), output);
    }

    [Fact]
    public async Task MalformedCatalogueIsRejectedNamingTheFileAndEntry()
    {
        var path = Path.Combine(folder, "bad.json");
        File.WriteAllText(path, """{"models":[{"name":"x","role":"r","description":"d","option":"--oie-llm","files":[{"name":"a.gguf","size":5,"sha256":"abc","url":"https://e.org/a"}]}]}""");
        var (code, _, error) = await CliRunner.InvokeAsync("models", "list", "--catalog", path);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--catalog", error);
        Assert.Contains(path, error);
        Assert.Contains("model 'x', file 'a.gguf'", error);
        Assert.Contains("sha256", error);
    }

    private Task<(int ExitCode, string Output, string Error)> Download(string baseUrl, string? catalog = null)
        => CliRunner.InvokeAsync("models", "download", ModelName, "--catalog", catalog ?? WriteCatalog(), "--dir", Path.Combine(folder, "models"), "--base-url", baseUrl, "--timeout", "5");

    private string WriteCatalog(string? sha256 = null)
    {
        var path = Path.Combine(folder, "catalog.json");
        var model = new CatalogModel(ModelName, "test LLM", "generated bytes", "--oie-llm", null, "generated in the test",
            [new CatalogFile("tiny.gguf", content.Length, sha256 ?? Convert.ToHexStringLower(SHA256.HashData(content)), "https://example.org/owner/repo/resolve/main/tiny.gguf")]);
        File.WriteAllText(path, JsonSerializer.Serialize(new { models = new[] { model } }));
        return path;
    }

    private static byte[] MakeContent(int length)
    {
        var bytes = new byte[length];
        new Random(7).NextBytes(bytes);
        return bytes;
    }
}
