using System.Text;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Chunking;

/// <summary>
/// A token count for a model whose tokenizer is not at hand, meant to over-count: 0.3 tokens per ASCII character
/// (BPE vocabularies of current models average 3.5–4.5 characters of English per token), 0.5 per other character of
/// an alphabetic script (accented Latin, Greek, Cyrillic: about two characters per token), 1 per character of any
/// other script (CJK and the rest: about one token each), rounded up, plus 8 tokens per chat message for the template.
/// </summary>
public sealed class EstimatedTokenCounter(int? contextTokens = null) : ITokenCounter
{
    private const int PerMessage = 8;

    /// <inheritdoc />
    public int? ContextTokens { get; } = contextTokens;

    /// <inheritdoc />
    public int CountTokens(string text)
    {
        var tokens = 0.0;
        foreach (var rune in text.EnumerateRunes())
        {
            tokens += rune.IsAscii ? 0.3 : rune.Value < 0x0590 ? 0.5 : 1.0;
        }

        return (int)Math.Ceiling(tokens);
    }

    /// <inheritdoc />
    public int CountPromptTokens(IReadOnlyList<ChatMessage> messages, ChatOptions? options = null)
        => messages.Sum(m => CountTokens(m.Text) + PerMessage) + PerMessage;
}
