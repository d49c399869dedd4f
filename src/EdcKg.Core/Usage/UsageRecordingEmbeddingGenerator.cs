using Microsoft.Extensions.AI;

namespace EdcKg.Core.Usage;

/// <summary>Middleware that records every request of one role's embedding model in a <see cref="UsageLedger"/>.</summary>
public sealed class UsageRecordingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, UsageLedger ledger, string role, string model)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    /// <inheritdoc />
    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        => ledger.MeasureAsync(
            role,
            model,
            () => base.GenerateAsync(values, options, cancellationToken),
            r => (r.Usage?.InputTokenCount ?? 0, 0L));
}
