using Microsoft.Extensions.AI;

namespace EdcKg.Core.Chunking;

/// <summary>
/// Counts tokens as a stage's model sees them, so a chunk's prompt is cut to fit that model's context with the
/// answer limit. A local backend implements it with the model's own tokenizer and chat template and offers it
/// through <c>IChatClient.GetService(typeof(ITokenCounter))</c>; <see cref="EstimatedTokenCounter"/> stands in for
/// a model whose tokenizer is not at hand (a served model).
/// </summary>
public interface ITokenCounter
{
    /// <summary>The most tokens one request may use, prompt and answer together; null when not known.</summary>
    int? ContextTokens { get; }

    /// <summary>The tokens of <paramref name="text"/> alone (no special tokens added).</summary>
    int CountTokens(string text);

    /// <summary>The tokens of the whole prompt the model is given for <paramref name="messages"/>: chat template, special tokens and answer prefix included.</summary>
    int CountPromptTokens(IReadOnlyList<ChatMessage> messages, ChatOptions? options = null);
}
