using EdcKg.Core.Chunking;
using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;

namespace EdcKg.LlamaCpp.Tests;

[Collection(TinyModelCollection.Name)]
public sealed class LlamaTokenCounterTests(TinyModelFixture fixture)
{
    [Fact]
    public void ChatClient_OffersATokenCounter_WithTheModelsTokenizerAndItsContext()
    {
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 1, ContextSize = 1024 });
        var counter = client.GetService<ITokenCounter>();
        Assert.NotNull(counter);
        Assert.Equal(1024, counter.ContextTokens);
        const string text = "Alan Shepard was born in New Hampshire.";
        Assert.Equal(fixture.Model.Tokenize(text, addBos: false, parseSpecial: false).Length, counter.CountTokens(text));
        Assert.Equal(0, counter.CountTokens(string.Empty));
    }

    [Fact]
    public async Task PromptCount_IsWhatTheClientFeedsTheModel()
    {
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 1, ContextSize = 1024 });
        var counter = client.GetService<ITokenCounter>()!;
        ChatMessage[] messages = [new(ChatRole.System, "Extract triples."), new(ChatRole.User, "Alan Shepard was born in New Hampshire.")];
        var options = new ChatOptions { MaxOutputTokens = 2, AdditionalProperties = new() { [ChatOptionKeys.AnswerPrefix] = "Triplets: " } };
        var response = await client.GetResponseAsync(messages, options);
        Assert.Equal(response.Usage!.InputTokenCount, counter.CountPromptTokens(messages, options));
    }
}
