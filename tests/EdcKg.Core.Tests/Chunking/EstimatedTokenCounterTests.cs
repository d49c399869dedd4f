using EdcKg.Core.Chunking;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Tests.Chunking;

public sealed class EstimatedTokenCounterTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("abcdefghij", 3)]
    [InlineData("éèàüöäçñ", 4)]
    [InlineData("東京都", 3)]
    public void Estimate_ChargesAsciiLessThanOtherScripts(string text, int expected)
        => Assert.Equal(expected, new EstimatedTokenCounter().CountTokens(text));

    [Fact]
    public void PromptEstimate_AddsAnAllowancePerMessage()
    {
        var counter = new EstimatedTokenCounter(4096);
        Assert.Equal(4096, counter.ContextTokens);
        Assert.Equal(3 + 8 + 8, counter.CountPromptTokens([new ChatMessage(ChatRole.User, "abcdefghij")]));
    }
}
