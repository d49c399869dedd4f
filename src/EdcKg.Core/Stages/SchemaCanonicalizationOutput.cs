using EdcKg.Core.Domain;

namespace EdcKg.Core.Stages;

/// <summary>What schema canonicalization decided for each open triple of one document, and the relations it added.</summary>
public sealed record SchemaCanonicalizationOutput(IReadOnlyList<CanonicalizationDecision> Decisions, IReadOnlyList<SchemaRelation> AddedRelations)
{
    /// <summary>The canonical triples of <paramref name="document"/> (dropped ones left out), with provenance.</summary>
    public IEnumerable<CanonicalTriple> CanonicalTriples(Document document, int iteration)
        => Decisions
            .Where(d => d.Result is not null)
            .Select(d => new CanonicalTriple(document.Id, document.Index, iteration, d.Result!, d.OpenTriple.Relation, d.Kind, d.Score));
}
