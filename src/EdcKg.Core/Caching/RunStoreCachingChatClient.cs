using System.Globalization;
using System.Text;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Caching;

/// <summary>
/// Middleware that answers a call from the run store when the same model was already asked the same messages with
/// the same options, and stores every finished response with its finish reason. A resumed or repeated run so never
/// pays twice for a call.
/// </summary>
public sealed class RunStoreCachingChatClient(IChatClient inner, RunStore store, string modelIdentity) : DelegatingChatClient(inner)
{
    /// <summary>How many calls were answered from the store.</summary>
    public int Hits => hits;

    private int hits;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var key = KeyOf(list, options);
        var cached = await store.TryGetCachedResponseAsync(key, cancellationToken).ConfigureAwait(false);
        if (cached is not null)
        {
            Interlocked.Increment(ref hits);
            // The stored reason, so that an answer cut at the token limit stays marked as cut when it is read back.
            var reason = cached.FinishReason is { } value ? new ChatFinishReason(value) : ChatFinishReason.Stop;
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, cached.Text)) { ModelId = modelIdentity, FinishReason = reason };
        }

        var response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        var write = new PendingWrite();
        write.CachedResponses.Add((key, response.Text, response.FinishReason?.Value));
        await store.WriteAsync(write, cancellationToken).ConfigureAwait(false);
        return response;
    }

    private byte[] KeyOf(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var text = new StringBuilder();
        foreach (var message in messages)
        {
            text.Append(message.Role.Value).Append('\u0001').Append(message.Text).Append('\u0002');
        }

        var shape = options?.AdditionalProperties?.TryGetValue(ChatOptionKeys.OutputShape, out var s) == true ? s?.ToString() : null;
        var prefix = options?.AdditionalProperties?.TryGetValue(ChatOptionKeys.AnswerPrefix, out var p) == true ? p?.ToString() : null;
        var settings = string.Join(
            '\u0001',
            options?.Temperature?.ToString(CultureInfo.InvariantCulture) ?? "-",
            options?.MaxOutputTokens?.ToString(CultureInfo.InvariantCulture) ?? "-",
            options?.TopP?.ToString(CultureInfo.InvariantCulture) ?? "-",
            options?.Seed?.ToString(CultureInfo.InvariantCulture) ?? "-",
            string.Join('\u0002', options?.StopSequences ?? []),
            shape ?? "-",
            prefix ?? "-");
        return CacheKey.Of(modelIdentity, text.ToString(), settings);
    }
}
