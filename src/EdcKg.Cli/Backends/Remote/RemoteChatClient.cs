using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;

namespace EdcKg.Cli.Backends.Remote;

/// <summary>
/// A chat model on an OpenAI-compatible server. Our own option keys (<see cref="ChatOptionKeys"/>) are for local
/// backends and are not sent; the model name the server knows is reported as the response's model.
/// </summary>
public sealed class RemoteChatClient(IChatClient inner, string servedModel) : DelegatingChatClient(inner)
{
    /// <summary>The server's name of the model.</summary>
    public string ServedModel => servedModel;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, WithoutOwnKeys(options), cancellationToken).ConfigureAwait(false);
        response.ModelId ??= servedModel;
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
