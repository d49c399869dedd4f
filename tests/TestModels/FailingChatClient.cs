using EdcKg.Core.Pipeline;
using Microsoft.Extensions.AI;

namespace TestModels;

/// <summary>
/// Fails every request whose prompt contains a given text the way a backend that gave up does (a
/// <see cref="ModelUnavailableException"/> inside another exception), and passes the others to the inner client.
/// </summary>
public sealed class FailingChatClient(IChatClient inner, string failWhenPromptHas) : DelegatingChatClient(inner)
{
    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        return list.Any(m => m.Text.Contains(failWhenPromptHas, StringComparison.Ordinal))
            ? Task.FromException<ChatResponse>(new InvalidOperationException("wrapped", new ModelUnavailableException("server gave up after 3 retries: 503")))
            : base.GetResponseAsync(list, options, cancellationToken);
    }
}
