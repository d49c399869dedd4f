using TestModels;
using TestModels.Onnx;

namespace EdcKg.Onnx.Tests;

public sealed class WordPieceTokenizationTests : IClassFixture<TinyModelFolder>
{
    private readonly TinyModelFolder model;

    public WordPieceTokenizationTests(TinyModelFolder model) => this.model = model;

    [Fact]
    public void UncasedModelLowerCasesAndStripsAccentsLikeHuggingFace()
    {
        using var embedder = OnnxSentenceEmbedder.Open(model.Path);

        Assert.Equal(["[CLS]", "cafe", "resume", "paris", "[SEP]"], embedder.Tokenize("Café RÉSUMÉ Paris"));
        Assert.Equal(["[CLS]", "cafe", "naive", "[SEP]"], embedder.Tokenize("cafe\u0301 naïve"));
    }

    [Fact]
    public void PunctuationBecomesSeparateTokens()
    {
        using var embedder = OnnxSentenceEmbedder.Open(model.Path);

        Assert.Equal(["[CLS]", "paris", ",", "france", "!", "(", "berlin", ")", "[SEP]"], embedder.Tokenize("Paris,France! (Berlin)"));
    }

    [Fact]
    public void WordsSplitIntoContinuationPieces()
    {
        using var embedder = OnnxSentenceEmbedder.Open(model.Path);

        Assert.Equal(["[CLS]", "un", "##believ", "##able", "play", "##ing", "[SEP]"], embedder.Tokenize("unbelievable playing"));
    }

    [Fact]
    public void WordsWithoutPiecesBecomeUnknown()
    {
        using var embedder = OnnxSentenceEmbedder.Open(model.Path);

        Assert.Equal(["[CLS]", "the", "[UNK]", "city", "[SEP]"], embedder.Tokenize("the qwerty city"));
    }

    [Fact]
    public void WordsLongerThanOneHundredCharactersBecomeUnknown()
    {
        using var embedder = OnnxSentenceEmbedder.Open(model.Path);
        var longWord = "x" + new string('y', 100);

        Assert.Equal(["[CLS]", "[UNK]", "city", "[SEP]"], embedder.Tokenize(longWord + " city"));
        Assert.Equal(["[CLS]", "x", "##y", "##y", "[SEP]"], embedder.Tokenize("xyy"));
    }

    [Fact]
    public void CasedModelKeepsCaseAndAccents()
    {
        using var cased = TinyModelFolder.With(new TinyEncoderSpec { LowerCase = false, WriteQuantized = false });
        using var embedder = OnnxSentenceEmbedder.Open(cased.Path);

        Assert.Equal(["[CLS]", "[UNK]", "[UNK]", "paris", "[SEP]"], embedder.Tokenize("Paris café paris"));
    }

    [Fact]
    public async Task LongTextsAreTruncatedToTheSentenceTransformersLimitWithAWarning()
    {
        var logger = new RecordingLogger();
        using var embedder = OnnxSentenceEmbedder.Open(model.Path, logger: logger);
        var text = string.Join(' ', Enumerable.Repeat("the city", 40));

        var tokens = embedder.Tokenize(text);
        var vectors = await embedder.GenerateAsync([text, "the city"]);

        Assert.Equal(new TinyEncoderSpec().MaxSequenceLength, embedder.MaxSequenceLength);
        Assert.Equal(embedder.MaxSequenceLength, tokens.Count);
        Assert.Equal("[SEP]", tokens[^1]);
        Assert.Equal(2, vectors.Count);
        var warning = Assert.Single(logger.Messages);
        Assert.Contains("1 of 2 texts", warning);
        Assert.Contains("48 tokens", warning);
    }
}
