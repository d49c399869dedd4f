using EdcKg.Core.Domain;
using EdcKg.Core.Retrieval;

namespace EdcKg.Core.Stages;

/// <summary>
/// Self-canonicalization: a relation that no schema relation replaced joins the schema with its definition, indexed
/// by the query embedding of that definition (as EDC indexes enriched relations), so later triples align to it.
/// </summary>
public static class SelfCanonicalization
{
    /// <summary>Adds the open relation of <paramref name="dropped"/> to <paramref name="schema"/> and keeps the triple.</summary>
    public static CanonicalizationDecision Enrich(CanonicalizationDecision dropped, string definition, ReadOnlySpan<float> definitionEmbedding, CanonicalSchema schema, out SchemaRelation added)
    {
        added = new SchemaRelation(dropped.OpenTriple.Relation, definition, RelationOrigin.Induced);
        schema.Add(added, definitionEmbedding);
        return dropped with { Kind = DecisionKind.AddedToSchema, Result = dropped.OpenTriple };
    }
}
