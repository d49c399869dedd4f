using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EdcKg.Cli.Models;
using EdcKg.Cli.Tests.Models;
using EdcKg.Core.Storage;
using TestModels;

namespace EdcKg.Cli.Tests;

/// <summary>
/// A newcomer's first run: <c>edckg run --input-text-file-path corpus --output-dir out</c> with no model options,
/// on a test catalogue whose default models are the tiny test models (hashes of the files the test writes).
/// </summary>
public sealed class FirstRunTests : IDisposable
{
    private static readonly string[] Corpus =
    [
        "The Millbrook Bridge crosses the Avon River.",
        "Clara Mendel was born in Graz.",
        "Leon Ash produced Quiet Harbour.",
    ];

    private readonly string folder = CliRunner.TempDirectory();
    private readonly string models;
    private readonly string corpus;
    private readonly string output;
    private readonly byte[] llm;
    private readonly byte[] embedder;

    public FirstRunTests()
    {
        models = Path.Combine(folder, "models");
        corpus = Path.Combine(folder, "corpus.txt");
        output = Path.Combine(folder, "out");
        File.WriteAllText(corpus, string.Join('\n', Corpus));
        var made = Path.Combine(folder, "made");
        Directory.CreateDirectory(made);
        TinyLlamaGguf.Write(Path.Combine(made, "tiny.gguf"));
        TinyBertGguf.Write(Path.Combine(made, "tiny-bert.gguf"));
        llm = File.ReadAllBytes(Path.Combine(made, "tiny.gguf"));
        embedder = File.ReadAllBytes(Path.Combine(made, "tiny-bert.gguf"));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task FirstRun_without_model_options_uses_the_default_models_found_in_the_models_folder()
    {
        Directory.CreateDirectory(models);
        File.WriteAllBytes(Path.Combine(models, "tiny.gguf"), llm);
        File.WriteAllBytes(Path.Combine(models, "tiny-bert.gguf"), embedder);
        using var refusing = TestModels.LoopbackHttpServer.ClosedPort(out var closedPort);
        var catalog = WriteCatalog($"http://127.0.0.1:{closedPort}/");

        var (code, stdout, error) = await CliRunner.InvokeAsync(FirstRun(catalog));

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("3 documents", stdout);
        Assert.Equal(Corpus.Length, File.ReadAllLines(Path.Combine(output, "iter0", "canon_kg.txt")).Length);
        Assert.Contains($"--oie-llm not given: using the default llm {Path.Combine(models, "tiny.gguf")}", error);
        await using var store = RunStore.OpenExisting(output);
        var manifest = await store.ReadManifestAsync();
        Assert.StartsWith("tiny.gguf:", manifest["model.oie"]);
        Assert.StartsWith("tiny.gguf:", manifest["model.sd"]);
        Assert.StartsWith("tiny-bert.gguf:", manifest["model.sc_embedder"]);
    }

    [Fact]
    public async Task FirstRun_downloads_a_missing_default_model_verified_before_any_other_work()
    {
        Directory.CreateDirectory(models);
        File.WriteAllBytes(Path.Combine(models, "tiny-bert.gguf"), embedder);
        using var server = new RangeFileServer(llm);
        var catalog = WriteCatalog(server.BaseUrl);

        var (code, _, error) = await CliRunner.InvokeAsync(FirstRun(catalog));

        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal(llm, File.ReadAllBytes(Path.Combine(models, "tiny.gguf")));
        Assert.Contains("downloading the default llm tiny-llm", error);
        Assert.Contains("models: tiny.gguf:", error);
        Assert.Contains("verified (SHA-256)", error);
        Assert.Equal("/files/tiny.gguf", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task FirstRun_offline_stops_with_the_download_command_and_writes_nothing()
    {
        using var refusing = TestModels.LoopbackHttpServer.ClosedPort(out var closed);
        var catalog = WriteCatalog($"http://127.0.0.1:{closed}/");

        var (code, _, error) = await CliRunner.InvokeAsync(FirstRun(catalog));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("edckg: error: the default model tiny-llm", error);
        Assert.Contains($"{llm.Length} bytes", error);
        Assert.Contains($"http://127.0.0.1:{closed}/files/tiny.gguf", error);
        Assert.Contains($"./edckg models download tiny-llm --dir {models} --catalog {catalog}", error);
        Assert.Contains("cannot reach 127.0.0.1", error);
        Assert.False(Directory.Exists(output), "nothing of the run is written");
        Assert.False(File.Exists(Path.Combine(models, "tiny.gguf")));
    }

    [Fact]
    public async Task FirstRun_with_no_download_names_the_command_without_connecting()
    {
        using var server = new RangeFileServer(llm);
        var catalog = WriteCatalog(server.BaseUrl);

        var (code, _, error) = await CliRunner.InvokeAsync([.. FirstRun(catalog), "--no-download"]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("downloads are off (--no-download)", error);
        Assert.Contains("./edckg models download tiny-llm", error);
        Assert.Empty(server.Requests);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task FirstRun_names_a_missing_input_file_before_any_model()
    {
        using var server = new RangeFileServer(llm);
        var catalog = WriteCatalog(server.BaseUrl);
        var missing = Path.Combine(folder, "missing.txt");

        var (code, _, error) = await CliRunner.InvokeAsync("run", "--input-text-file-path", missing, "--output-dir", output, "--models-dir", models, "--models-catalog", catalog);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"{missing}: input file or folder not found", error);
        Assert.DoesNotContain("--oie-llm", error);
        Assert.DoesNotContain("--sc-embedder", error);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task FirstRun_with_an_endpoint_but_no_llm_asks_for_the_served_model_instead_of_downloading()
    {
        using var server = new RangeFileServer(llm);
        var catalog = WriteCatalog(server.BaseUrl);

        var (code, _, error) = await CliRunner.InvokeAsync([.. FirstRun(catalog), "--llm-endpoint", "http://127.0.0.1:1/v1"]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("edckg: error: --oie-llm: --llm-endpoint is given: name the served model", error);
        Assert.Empty(server.Requests);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task FirstRun_the_shipped_catalogue_names_a_default_llm_and_embedder()
    {
        var catalog = RecommendedModels.LoadDefault();

        Assert.Equal("qwen2.5-1.5b-instruct-q4_k_m", catalog.DefaultFor(CatalogModel.DefaultLlm)?.Name);
        Assert.Equal("bge-small-en-v1.5-q8_0", catalog.DefaultFor(CatalogModel.DefaultEmbedder)?.Name);
        await Task.CompletedTask;
    }

    private string[] FirstRun(string catalog) =>
    [
        "run", "--input-text-file-path", corpus, "--output-dir", output,
        "--models-dir", models, "--models-catalog", catalog,
        "--threads", "1", "--context-size", "4096", "--parallelism", "3",
    ];

    private string WriteCatalog(string baseUrl)
    {
        JsonObject Model(string name, string use, string option, string file, byte[] content) => new()
        {
            ["name"] = name,
            ["role"] = use,
            ["description"] = "a tiny random-weight test model",
            ["option"] = option,
            ["default_for"] = use,
            ["folder"] = null,
            ["source"] = "made by the test",
            ["files"] = new JsonArray(new JsonObject
            {
                ["name"] = file,
                ["size"] = content.Length,
                ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(content)),
                ["url"] = baseUrl.TrimEnd('/') + "/files/" + file,
            }),
        };

        var path = Path.Combine(folder, "catalog.json");
        File.WriteAllText(path, new JsonObject
        {
            ["models"] = new JsonArray(
                Model("tiny-llm", CatalogModel.DefaultLlm, "--oie-llm", "tiny.gguf", llm),
                Model("tiny-bert", CatalogModel.DefaultEmbedder, "--sc-embedder", "tiny-bert.gguf", embedder)),
        }.ToJsonString());
        return path;
    }
}
