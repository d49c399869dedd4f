using System.Globalization;
using EdcKg.Core.Pipeline;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Chunking;

/// <summary>
/// Refuses a request whose prompt plus answer limit does not fit the model's context, before it reaches the model,
/// as a failure of that item (<see cref="ModelUnavailableException"/>): the run records the chunk as failed with the
/// reason and goes on. Only where the model counts its own tokens (a local model): an estimate could refuse a
/// prompt that fits.
/// </summary>
public sealed class ContextGuardChatClient(IChatClient inner, ITokenCounter counter) : DelegatingChatClient(inner)
{
    /// <summary>Wraps <paramref name="client"/> when it offers a token counter with a known context; else returns it unchanged.</summary>
    public static IChatClient Around(IChatClient client)
        => client.GetService<ITokenCounter>() is { ContextTokens: not null } counter and not EstimatedTokenCounter ? new ContextGuardChatClient(client, counter) : client;

    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var prompt = counter.CountPromptTokens(list, options);
        var answer = options?.MaxOutputTokens ?? 0;
        if (prompt + answer > counter.ContextTokens)
        {
            throw new ModelUnavailableException(string.Create(CultureInfo.InvariantCulture,
                $"the prompt ({prompt} tokens) plus the answer limit ({answer} tokens) exceed the model's context ({counter.ContextTokens} tokens)"));
        }

        return base.GetResponseAsync(list, options, cancellationToken);
    }
}
