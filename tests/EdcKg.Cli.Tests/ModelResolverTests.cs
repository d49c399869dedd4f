using EdcKg.Cli.ModelResolution;
using EdcKg.Core.Pipeline;
using EdcKg.Onnx;
using EdcKg.OpenAi;
using TestModels;
using TestModels.Onnx;

namespace EdcKg.Cli.Tests;

public sealed class ModelResolverTests : IDisposable
{
    private readonly string model = TinyEncoderFolder.Write(Path.Combine(Path.GetTempPath(), "edckg-cli-resolver-" + Guid.NewGuid().ToString("N")));

    public void Dispose() => Directory.Delete(model, recursive: true);

    [Fact]
    public async Task AModelFolderOpensAnOnnxEmbedder()
    {
        await using var models = new ModelResolver(new ModelOptions());

        var onnx = Assert.IsType<OnnxSentenceEmbedder>(models.Embedder(ModelRole.CanonicalizationEmbedder, model));

        Assert.EndsWith("/model.onnx", onnx.ModelId);
    }

    [Fact]
    public async Task AnOnnxFileOpensThatVariantOfItsFolder()
    {
        await using var models = new ModelResolver(new ModelOptions());

        var embedder = models.Embedder(ModelRole.SchemaRetrieverEmbedder, Path.Combine(model, "model_quantized.onnx"));

        Assert.EndsWith("/model_quantized.onnx", Assert.IsType<OnnxSentenceEmbedder>(embedder).ModelId);
    }

    [Fact]
    public async Task ABrokenGgufFileIsRefusedWithAMessageNamingTheOptionAndFile()
    {
        var gguf = Path.Combine(model, "embedder.gguf");
        File.WriteAllBytes(gguf, [0x47, 0x47, 0x55, 0x46]);
        await using var models = new ModelResolver(new ModelOptions());

        var error = Assert.Throws<ModelOpenException>(() => models.Embedder(ModelRole.SchemaRetrieverEmbedder, gguf));

        Assert.Equal("--sr-embedder", error.Option);
        Assert.StartsWith("--sr-embedder: ", error.Message);
        Assert.Contains("embedder.gguf", error.Message);
    }

    [Fact]
    public async Task AGgufFileOpensTheLlamaEmbeddingGenerator()
    {
        var gguf = Path.Combine(model, "tiny.gguf");
        TinyLlamaGguf.Write(gguf);
        await using var models = new ModelResolver(new ModelOptions { Threads = 1 });

        var embedder = models.Embedder(ModelRole.CanonicalizationEmbedder, gguf);
        var vectors = await embedder.GenerateAsync(["a relation definition"]);

        Assert.IsType<EdcKg.LlamaCpp.LlamaEmbeddingGenerator>(embedder);
        Assert.Equal(1f, MathF.Sqrt(vectors[0].Vector.ToArray().Sum(v => v * v)), 3);
    }

    [Fact]
    public async Task AGgufEmbedderIsOpenedWithTheLlamaLibraryFolderGiven()
    {
        var gguf = Path.Combine(model, "tiny.gguf");
        TinyLlamaGguf.Write(gguf);
        await using (var installed = new ModelResolver(new ModelOptions { Threads = 1 }))
        {
            installed.Embedder(ModelRole.CanonicalizationEmbedder, gguf);
        }

        // The process has its llama.cpp now: another --llama-lib is refused, not silently ignored.
        var elsewhere = Directory.CreateDirectory(Path.Combine(model, "other-llama-build")).FullName;
        await using var models = new ModelResolver(new ModelOptions { LlamaLibrary = elsewhere, Threads = 1 });

        var error = Assert.Throws<ModelOpenException>(() => models.Embedder(ModelRole.CanonicalizationEmbedder, gguf));

        Assert.StartsWith("--sc-embedder: ", error.Message);
        Assert.Contains(elsewhere, error.Message);
    }

    [Fact]
    public async Task AGgufIsRecognisedByItsMagicBytesWhateverItsNameForEveryRole()
    {
        var unnamed = Path.Combine(model, "weights.bin");
        TinyLlamaGguf.Write(unnamed);
        await using var models = new ModelResolver(new ModelOptions { Threads = 1, ContextSize = 1024, Parallelism = 2 });

        Assert.Equal(ModelKind.Gguf, ModelResolver.KindOf("--oie-llm", unnamed, endpointsGiven: true));
        Assert.IsType<EdcKg.LlamaCpp.LlamaChatClient>(models.Chat(ModelRole.OpenExtraction, unnamed));
        Assert.IsType<EdcKg.LlamaCpp.LlamaEmbeddingGenerator>(models.Embedder(ModelRole.CanonicalizationEmbedder, unnamed));
    }

    [Fact]
    public async Task RolesThatNameTheSameModelShareOneInstanceAndTheDefaultsFollowEdc()
    {
        var gguf = Path.Combine(model, "tiny.gguf");
        TinyLlamaGguf.Write(gguf);
        await using var models = new ModelResolver(new ModelOptions { Threads = 1, ContextSize = 1024, Parallelism = 2 });
        var names = ModelRoles.Resolve(new Dictionary<ModelRole, string?> { [ModelRole.OpenExtraction] = gguf, [ModelRole.CanonicalizationEmbedder] = model });

        var backends = models.OpenBackends(names, refining: true);

        Assert.Same(backends.OpenExtraction, backends.SchemaDefinition);
        Assert.Same(backends.OpenExtraction, backends.Verifier);
        Assert.Same(backends.OpenExtraction, backends.EntityExtraction);
        Assert.Same(backends.CanonicalizationEmbedder, backends.SchemaRetrieverEmbedder);
    }

    [Fact]
    public async Task AServedNameOpensTheOpenAiBackendOnlyWithAnEndpointOrTheScheme()
    {
        await using var models = new ModelResolver(new ModelOptions { Remote = new RemoteOptions { Endpoints = [new Uri("http://127.0.0.1:9/v1/")] } });

        Assert.IsType<RemoteChatClient>(models.Chat(ModelRole.OpenExtraction, "Qwen/Qwen2.5-7B-Instruct"));
        Assert.IsType<RemoteEmbeddingGenerator>(models.Embedder(ModelRole.CanonicalizationEmbedder, "openai:text-embedding-3-small"));
        Assert.Equal(ModelKind.Served, ModelResolver.KindOf("--oie-llm", "openai:gpt-4o-mini", endpointsGiven: false));
        Assert.StartsWith("--oie-llm: ", Assert.Throws<ModelOpenException>(() => ModelResolver.KindOf("--oie-llm", "gpt-4o-mini", endpointsGiven: false)).Message);
        Assert.Contains("names no model", Assert.Throws<ModelOpenException>(() => ModelResolver.KindOf("--oie-llm", "openai:", endpointsGiven: true)).Message);
    }

    [Fact]
    public async Task AnEmbeddingFolderIsNotAChatModel()
    {
        await using var models = new ModelResolver(new ModelOptions());

        var error = Assert.Throws<ModelOpenException>(() => models.Chat(ModelRole.SchemaDefinition, model));

        Assert.StartsWith("--sd-llm: ", error.Message);
        Assert.Contains("not a chat model", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("config.json")]
    [InlineData("missing-folder")]
    [InlineData("missing.gguf")]
    public async Task AnythingElseIsRefusedNamingTheOption(string name)
    {
        var path = name.Length == 0 ? name : Path.Combine(model, name);
        await using var models = new ModelResolver(new ModelOptions());

        var error = Assert.Throws<ModelOpenException>(() => models.Embedder(ModelRole.CanonicalizationEmbedder, path));

        Assert.StartsWith("--sc-embedder: ", error.Message);
        if (path.Length > 0)
        {
            Assert.Contains(path, error.Message);
        }
    }

    [Fact]
    public async Task AnUnusableModelFolderIsRefusedNamingTheOptionAndFile()
    {
        File.Delete(Path.Combine(model, "vocab.txt"));
        await using var models = new ModelResolver(new ModelOptions());

        var error = Assert.Throws<ModelOpenException>(() => models.Embedder(ModelRole.CanonicalizationEmbedder, model, "sc_embedder"));

        Assert.StartsWith("sc_embedder: ", error.Message);
        Assert.Contains("vocab.txt", error.Message);
    }
}
