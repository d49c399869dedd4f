using EdcKg.Core.Chunking;
using Microsoft.Extensions.AI;

namespace EdcKg.LlamaCpp;

/// <summary>
/// Counts tokens with a local model's own tokenizer and chat template, exactly as <see cref="LlamaChatClient"/>
/// builds its prompts; the client hands it out through <c>GetService(typeof(ITokenCounter))</c>.
/// </summary>
internal sealed class LlamaTokenCounter(LlamaChatClient client, LlamaModel model, int contextTokens) : ITokenCounter
{
    /// <inheritdoc />
    public int? ContextTokens { get; } = contextTokens;

    /// <inheritdoc />
    public int CountTokens(string text) => text.Length == 0 ? 0 : model.Tokenize(text, addBos: false, parseSpecial: false).Length;

    /// <inheritdoc />
    public int CountPromptTokens(IReadOnlyList<ChatMessage> messages, ChatOptions? options = null)
        => model.Tokenize(client.PromptFor(messages, options), addBos: model.AddBos, parseSpecial: true).Length;
}
