using EdcKg.Core.Chunking;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Tests.Chunking;

/// <summary>One token per white-space separated word: budgets in tests read as word counts.</summary>
internal sealed class WordTokenCounter(int? contextTokens = null) : ITokenCounter
{
    public int? ContextTokens { get; } = contextTokens;

    public int Calls { get; private set; }

    public int CountTokens(string text)
    {
        Calls++;
        return text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
    }

    public int CountPromptTokens(IReadOnlyList<ChatMessage> messages, ChatOptions? options = null)
        => messages.Sum(m => CountTokens(m.Text) + 2);
}
