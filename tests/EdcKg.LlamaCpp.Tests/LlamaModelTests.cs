using EdcKg.LlamaCpp;

namespace EdcKg.LlamaCpp.Tests;

[Collection(TinyModelCollection.Name)]
public sealed class LlamaModelTests(TinyModelFixture fixture)
{
    [Fact]
    public void TinyModelLoadsWithItsVocabularyAndChatTemplate()
    {
        Assert.Equal(64, fixture.Model.EmbeddingSize);
        Assert.True(fixture.Model.VocabularySize > 300);
        Assert.Contains("<|im_start|>", fixture.Model.ChatTemplate);
    }

    [Fact]
    public void AnyTextTokenizesAndDetokenizesBackThroughByteFallback()
    {
        const string text = "Trane is in Swords, Dublin — café ✓";
        var tokens = fixture.Model.Tokenize(text, addBos: false, parseSpecial: false);
        var bytes = tokens.SelectMany(fixture.Model.TokenBytes).ToArray();
        Assert.Equal(" " + text, System.Text.Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void ChatTemplateWrapsTheUserMessageAndOpensTheAssistantTurn()
    {
        var prompt = fixture.Model.ApplyChatTemplate([("user", "Hello")]);
        Assert.Equal("<|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\n", prompt);
        var tokens = fixture.Model.Tokenize(prompt, addBos: true, parseSpecial: true);
        Assert.Equal(1, tokens[0]);
        Assert.Equal(3, tokens[1]);
    }

    [Fact]
    public void MissingFileGivesAClearError()
    {
        var error = Assert.Throws<LlamaException>(() => LlamaModel.Load(Path.Combine(fixture.Folder, "absent.gguf")));
        Assert.Contains("absent.gguf", error.Message);
    }

    [Fact]
    public void TruncatedModelGivesAClearErrorAndNoCrash()
    {
        var truncated = Path.Combine(fixture.Folder, "truncated.gguf");
        var bytes = File.ReadAllBytes(fixture.ModelPath);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<LlamaException>(() => LlamaModel.Load(truncated));
        Assert.Contains("truncated.gguf", error.Message);
    }

    [Fact]
    public void GgufWithGarbageAfterTheMagicGivesAClearErrorAndNoCrash()
    {
        var garbage = Path.Combine(fixture.Folder, "garbage.gguf");
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        "GGUF"u8.CopyTo(bytes);
        BitConverter.GetBytes(3u).CopyTo(bytes, 4);
        File.WriteAllBytes(garbage, bytes);
        var error = Assert.Throws<LlamaException>(() => LlamaModel.Load(garbage));
        Assert.Contains("garbage.gguf", error.Message);
    }

    [Fact]
    public void FileThatIsNotGgufIsRefusedBeforeLoading()
    {
        var text = Path.Combine(fixture.Folder, "notes.gguf");
        File.WriteAllText(text, "not a model");
        var error = Assert.Throws<LlamaException>(() => LlamaModel.Load(text));
        Assert.Contains("not a GGUF file", error.Message);
    }
}
