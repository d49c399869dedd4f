using EdcKg.Core.Chunking;
using EdcKg.Core.Inputs;
using EdcKg.Core.Pipeline;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Tests.Chunking;

public sealed class ChunkBudgetTests
{
    [Fact]
    public void Budget_IsTheLeastRoomAnyStageLeaves()
    {
        var small = new WordTokenCounter(contextTokens: 400);
        var large = new WordTokenCounter(contextTokens: 4000);
        var budget = ChunkBudget.Of(
            [
                new PromptCost("open extraction", large, "ten words of instructions one two three four five six", 100),
                new PromptCost("schema definition", small, "five words of instructions here", 50, ExtraTokens: 100),
            ],
            new ChunkingOptions());
        // 400 - (5 words + 2 for the message) - 50 - 100 - margin.
        Assert.Equal(400 - 7 - 50 - 100 - ChunkBudget.Margin, budget);
    }

    [Fact]
    public void Budget_IsCappedByTheOption_AndUsesTheAssumedContextForAServedModel()
    {
        var served = new EstimatedTokenCounter();
        Assert.Equal(300, ChunkBudget.Of([new PromptCost("open extraction", served, "Extract.", 512)], new ChunkingOptions { MaxChunkTokens = 300 }));
        var assumed = ChunkBudget.Of([new PromptCost("open extraction", served, "Extract.", 512)], new ChunkingOptions { AssumedContextTokens = 2048 });
        Assert.Equal(2048 - served.CountPromptTokens([new ChatMessage(ChatRole.User, "Extract.")]) - 512 - ChunkBudget.Margin, assumed);
    }

    [Fact]
    public void PromptThatLeavesNoRoom_IsBadInputNamingTheStage()
    {
        var error = Assert.Throws<InputException>(() => ChunkBudget.Of([new PromptCost("schema definition", new WordTokenCounter(100), "words", 90)], new ChunkingOptions()));
        Assert.Contains("schema definition prompt leaves no room", error.Message);
    }

    [Fact]
    public async Task ContextGuard_RefusesAPromptThatDoesNotFit_AsAFailureOfThatItem()
    {
        var counter = new WordTokenCounter(contextTokens: 20);
        using var inner = new EchoClient(counter);
        var guarded = ContextGuardChatClient.Around(inner);
        Assert.IsType<ContextGuardChatClient>(guarded);

        var fits = await guarded.GetResponseAsync([new ChatMessage(ChatRole.User, "short prompt")], new ChatOptions { MaxOutputTokens = 5 });
        Assert.Equal("ok", fits.Text);
        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => guarded.GetResponseAsync([new ChatMessage(ChatRole.User, string.Join(' ', Enumerable.Repeat("word", 15)))], new ChatOptions { MaxOutputTokens = 5 }));
        Assert.Contains("exceed the model's context (20 tokens)", error.Message);
        Assert.Equal(1, inner.Calls);
    }

    private sealed class EchoClient(ITokenCounter counter) : IChatClient
    {
        public int Calls { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceType == typeof(ITokenCounter) ? counter : null;

        public void Dispose()
        {
        }
    }
}
