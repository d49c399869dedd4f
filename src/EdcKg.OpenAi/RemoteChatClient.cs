using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;

namespace EdcKg.OpenAi;

/// <summary>
/// A chat model on an OpenAI-compatible server. Our own option keys (<see cref="ChatOptionKeys"/>) are not sent; with
/// <paramref name="structuredOutput"/>, the answer's <see cref="OutputShape"/> is sent as a JSON schema instead and the
/// JSON answer turned back into the text the parsers read (<see cref="StructuredAnswers"/>).
/// </summary>
public sealed class RemoteChatClient(IChatClient inner, string servedModel, bool structuredOutput = false) : DelegatingChatClient(inner)
{
    /// <summary>The server's name of the model.</summary>
    public string ServedModel => servedModel;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var shape = structuredOutput ? options?.AdditionalProperties?.GetValueOrDefault(ChatOptionKeys.OutputShape) as OutputShape : null;
        var sent = WithoutOwnKeys(options);
        if (shape is not null)
        {
            sent = (sent ?? new ChatOptions()).Clone();
            sent.ResponseFormat = StructuredAnswers.FormatOf(shape);
        }

        var response = await base.GetResponseAsync(messages, sent, cancellationToken).ConfigureAwait(false);
        response.ModelId ??= servedModel;
        if (shape is not null && response.Messages.Count > 0)
        {
            var text = StructuredAnswers.ToText(shape, response.Text);
            response.Messages = [new ChatMessage(ChatRole.Assistant, text)];
        }

        return response;
    }

    /// <inheritdoc />
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => base.GetStreamingResponseAsync(messages, WithoutOwnKeys(options), cancellationToken);

    private static ChatOptions? WithoutOwnKeys(ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { Count: > 0 } properties || !properties.Keys.Any(IsOwn))
        {
            return options;
        }

        var copy = options.Clone();
        copy.AdditionalProperties = [];
        foreach (var (key, value) in properties.Where(p => !IsOwn(p.Key)))
        {
            copy.AdditionalProperties[key] = value;
        }

        if (copy.AdditionalProperties.Count == 0)
        {
            copy.AdditionalProperties = null;
        }

        return copy;
    }

    private static bool IsOwn(string key) => key.StartsWith("edckg.", StringComparison.Ordinal);
}
