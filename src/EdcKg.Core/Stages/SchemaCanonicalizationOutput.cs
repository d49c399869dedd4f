using System.Text.Json.Serialization;
using EdcKg.Core.Domain;

namespace EdcKg.Core.Stages;

/// <summary>What schema canonicalization decided for each open triple of one document, and the relations it added.</summary>
public sealed record SchemaCanonicalizationOutput(IReadOnlyList<CanonicalizationDecision> Decisions, IReadOnlyList<SchemaRelation> AddedRelations)
{
    /// <summary>Answers of this item that stopped at the token limit (<c>ChatFinishReason.Length</c>), so may be cut; stored only when there are any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int TruncatedAnswers { get; init; }

    /// <summary>
    /// For each decision, the query embedding of its relation's definition when candidates were retrieved with one;
    /// kept in memory only (ordered speculative canonicalization checks its results with them).
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<ReadOnlyMemory<float>?> QueryEmbeddings { get; init; } = [];

    /// <summary>The embedding each added relation was indexed with, in the order of <see cref="AddedRelations"/>; in memory only.</summary>
    [JsonIgnore]
    public IReadOnlyList<ReadOnlyMemory<float>> AddedEmbeddings { get; init; } = [];

    /// <summary>The canonical triples of <paramref name="document"/> (dropped ones left out), with provenance.</summary>
    public IEnumerable<CanonicalTriple> CanonicalTriples(Document document, int iteration)
        => Decisions
            .Where(d => d.Result is not null)
            .Select(d => new CanonicalTriple(document.Id, document.Index, iteration, d.Result!, d.OpenTriple.Relation, d.Kind, d.Score) { Correction = d.Correction });
}
