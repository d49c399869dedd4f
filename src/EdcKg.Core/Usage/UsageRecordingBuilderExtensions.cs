using Microsoft.Extensions.AI;

namespace EdcKg.Core.Usage;

/// <summary>Adds usage recording to chat client and embedding generator pipelines.</summary>
public static class UsageRecordingBuilderExtensions
{
    /// <summary>Records every request in <paramref name="ledger"/> under <paramref name="role"/> and <paramref name="model"/> (<see cref="UsageRecordingChatClient"/>).</summary>
    public static ChatClientBuilder UseUsageRecording(this ChatClientBuilder builder, UsageLedger ledger, string role, string model)
        => builder.Use(inner => new UsageRecordingChatClient(inner, ledger, role, model));

    /// <summary>Records every request in <paramref name="ledger"/> under <paramref name="role"/> and <paramref name="model"/> (<see cref="UsageRecordingEmbeddingGenerator"/>).</summary>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> UseUsageRecording(this EmbeddingGeneratorBuilder<string, Embedding<float>> builder, UsageLedger ledger, string role, string model)
        => builder.Use(inner => new UsageRecordingEmbeddingGenerator(inner, ledger, role, model));
}
