using TestModels;
using EdcKg.Onnx;
using TestModels.Onnx;

namespace EdcKg.Cli.Tests;

public sealed class EmbedderFactoryTests : IDisposable
{
    private readonly string model = TinyEncoderFolder.Write(Path.Combine(Path.GetTempPath(), "edckg-cli-factory-" + Guid.NewGuid().ToString("N")));

    public void Dispose() => Directory.Delete(model, recursive: true);

    [Fact]
    public void AModelFolderOpensAnOnnxEmbedder()
    {
        using var embedder = EmbedderFactory.Open("--sc-embedder", model);

        var onnx = Assert.IsType<OnnxSentenceEmbedder>(embedder);
        Assert.EndsWith("/model.onnx", onnx.ModelId);
    }

    [Fact]
    public void AnOnnxFileOpensThatVariantOfItsFolder()
    {
        using var embedder = EmbedderFactory.Open("--sr-embedder", Path.Combine(model, "model_quantized.onnx"));

        Assert.EndsWith("/model_quantized.onnx", Assert.IsType<OnnxSentenceEmbedder>(embedder).ModelId);
    }

    [Fact]
    public void ABrokenGgufFileIsRefusedWithAMessageNamingTheOptionAndFile()
    {
        var gguf = Path.Combine(model, "embedder.gguf");
        File.WriteAllBytes(gguf, [0x47, 0x47, 0x55, 0x46]);

        var error = Assert.Throws<OptionValueException>(() => EmbedderFactory.Open("--sr-embedder", gguf));

        Assert.Equal("--sr-embedder", error.Option);
        Assert.StartsWith("--sr-embedder: ", error.Message);
        Assert.Contains("embedder.gguf", error.Message);
    }

    [Fact]
    public async Task AGgufFileOpensTheLlamaEmbeddingGenerator()
    {
        var gguf = Path.Combine(model, "tiny.gguf");
        TinyLlamaGguf.Write(gguf);

        using var embedder = EmbedderFactory.Open("--sc-embedder", gguf);
        var vectors = await embedder.GenerateAsync(["a relation definition"]);

        Assert.IsType<EdcKg.LlamaCpp.LlamaEmbeddingGenerator>(embedder);
        Assert.Equal(1f, MathF.Sqrt(vectors[0].Vector.ToArray().Sum(v => v * v)), 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("config.json")]
    [InlineData("missing-folder")]
    [InlineData("missing.gguf")]
    public void AnythingElseIsRefusedNamingTheOption(string name)
    {
        var path = name.Length == 0 ? name : Path.Combine(model, name);

        var error = Assert.Throws<OptionValueException>(() => EmbedderFactory.Open("--sc-embedder", path));

        Assert.StartsWith("--sc-embedder: ", error.Message);
        if (path.Length > 0)
        {
            Assert.Contains(path, error.Message);
        }
    }

    [Fact]
    public void AnUnusableModelFolderIsRefusedNamingTheOptionAndFile()
    {
        File.Delete(Path.Combine(model, "vocab.txt"));

        var error = Assert.Throws<OptionValueException>(() => EmbedderFactory.Open("--sc-embedder", model));

        Assert.StartsWith("--sc-embedder: ", error.Message);
        Assert.Contains("vocab.txt", error.Message);
    }
}
