using EdcKg.Core.Scaling;

namespace EdcKg.Cli.Commands.Options;

/// <summary>What a run reads: the corpus, the target schema, and which shard of the corpus.</summary>
/// <param name="Corpus">The corpus file or folder.</param>
/// <param name="TargetSchema">The target schema CSV, or null for self-canonicalization.</param>
/// <param name="Shard">The shard of the corpus this worker processes, or null for all of it.</param>
internal sealed record RunInput(string Corpus, string? TargetSchema, ShardSpec? Shard)
{
    /// <summary>Whether a finished run over another version of the corpus is updated (<c>--update</c>) instead of refused.</summary>
    public bool Update { get; init; }
}

