using EdcKg.Core.Retrieval;
using TestModels.Onnx;

namespace EdcKg.Onnx.Tests;

public sealed class ModelFolderErrorTests
{
    [Fact]
    public void AMissingFolderIsNamed()
    {
        var missing = Path.Combine(Path.GetTempPath(), "edckg-no-such-model-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<OnnxModelException>(() => OnnxSentenceEmbedder.Open(missing));

        Assert.Contains(missing, error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void AMissingOnnxFileNamesThePathsLookedAt()
    {
        using var folder = TinyModelFolder.With(new TinyEncoderSpec { WriteQuantized = false });

        var error = Assert.Throws<OnnxModelException>(() => OnnxSentenceEmbedder.Open(folder.Path, new OnnxEmbedderOptions { ModelFileName = "model_quantized.onnx" }));

        Assert.Contains(Path.Combine(folder.Path, "model_quantized.onnx"), error.Message);
        Assert.Contains(Path.Combine(folder.Path, "onnx", "model_quantized.onnx"), error.Message);
    }

    [Fact]
    public void AMissingVocabularyIsNamed()
    {
        using var folder = TinyModelFolder.With(new TinyEncoderSpec { WriteQuantized = false });
        File.Delete(Path.Combine(folder.Path, "vocab.txt"));

        var error = Assert.Throws<OnnxModelException>(() => OnnxSentenceEmbedder.Open(folder.Path));

        Assert.Contains(Path.Combine(folder.Path, "vocab.txt"), error.Message);
        Assert.Contains("tokenizer.json", error.Message);
    }

    [Fact]
    public void ACorruptOnnxFileIsNamed()
    {
        using var folder = TinyModelFolder.With(new TinyEncoderSpec { WriteQuantized = false });
        File.WriteAllText(Path.Combine(folder.Path, "model.onnx"), "not a model");

        var error = Assert.Throws<OnnxModelException>(() => OnnxSentenceEmbedder.Open(folder.Path));

        Assert.Contains(Path.Combine(folder.Path, "model.onnx"), error.Message);
    }

    [Fact]
    public void InvalidJsonNamesTheFileAndLine()
    {
        using var folder = TinyModelFolder.With(new TinyEncoderSpec { WriteQuantized = false });
        File.WriteAllText(Path.Combine(folder.Path, "modules.json"), "[\n{\"idx\": 0,\n oops }\n]");

        var error = Assert.Throws<OnnxModelException>(() => OnnxSentenceEmbedder.Open(folder.Path));

        Assert.Contains(Path.Combine(folder.Path, "modules.json"), error.Message);
        Assert.Contains("line 3", error.Message);
    }

    [Fact]
    public void AGraphWithAnUnexpectedInputIsRefusedByName()
    {
        using var folder = TinyModelFolder.With(new TinyEncoderSpec { UnexpectedInput = "pixel_values", WriteQuantized = false });

        var error = Assert.Throws<OnnxModelException>(() => OnnxSentenceEmbedder.Open(folder.Path));

        Assert.Contains("'pixel_values'", error.Message);
        Assert.Contains(Path.Combine(folder.Path, "model.onnx"), error.Message);
    }

    [Fact]
    public void APoolingConfigWithTwoModesIsRefused()
    {
        using var folder = TinyModelFolder.With(new TinyEncoderSpec { WriteQuantized = false });
        var config = Path.Combine(folder.Path, "1_Pooling", "config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"pooling_mode_cls_token\": false", "\"pooling_mode_cls_token\": true"));

        var error = Assert.Throws<OnnxModelException>(() => OnnxSentenceEmbedder.Open(folder.Path));

        Assert.Contains(config, error.Message);
    }

    [Fact]
    public void AFolderDeclaringAnotherDimensionThanTheGraphIsRefused()
    {
        using var folder = TinyModelFolder.With(new TinyEncoderSpec { WriteQuantized = false });
        var config = Path.Combine(folder.Path, "1_Pooling", "config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"word_embedding_dimension\": 32", "\"word_embedding_dimension\": 384"));

        var error = Assert.Throws<OnnxModelException>(() => OnnxSentenceEmbedder.Open(folder.Path));

        Assert.Contains("32", error.Message);
        Assert.Contains("384", error.Message);
    }

    [Fact]
    public async Task AStoredSchemaOfAnotherDimensionRejectsTheModelsVectors()
    {
        using var folder = TinyModelFolder.With(new TinyEncoderSpec { WriteQuantized = false });
        using var embedder = OnnxSentenceEmbedder.Open(folder.Path);
        var schema = new EmbeddingIndex(384);
        schema.Add("capital", new float[384]);
        var definition = await embedder.GenerateAsync(["the capital of a country"]);

        var error = Assert.Throws<ArgumentException>(() => schema.Add("capital of", definition[0].Vector.Span));
        var queryError = Assert.Throws<ArgumentException>(() => schema.TopK(definition[0].Vector.Span, 1));

        Assert.Contains("32 dimensions", error.Message);
        Assert.Contains("384", error.Message);
        Assert.Contains("32 dimensions", queryError.Message);
    }
}
