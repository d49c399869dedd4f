using EdcKg.Core.Domain;

namespace EdcKg.Core.Scaling;

/// <summary>The corpus and target schema of a merged run.</summary>
/// <param name="Corpus">The documents of all shards in corpus order.</param>
/// <param name="TargetSchema">The target schema (empty for self-canonicalization).</param>
public sealed record MergedShards(IReadOnlyList<Document> Corpus, IReadOnlyList<SchemaRelation> TargetSchema);
