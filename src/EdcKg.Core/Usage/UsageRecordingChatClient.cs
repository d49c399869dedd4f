using Microsoft.Extensions.AI;

namespace EdcKg.Core.Usage;

/// <summary>Middleware that records every request of one role's chat model in a <see cref="UsageLedger"/>.</summary>
public sealed class UsageRecordingChatClient(IChatClient inner, UsageLedger ledger, string role, string model) : DelegatingChatClient(inner)
{
    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => ledger.MeasureAsync(
            role,
            model,
            () => base.GetResponseAsync(messages, options, cancellationToken),
            r => (r.Usage?.InputTokenCount ?? 0, r.Usage?.OutputTokenCount ?? 0));
}
