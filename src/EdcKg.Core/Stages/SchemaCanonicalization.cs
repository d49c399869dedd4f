using EdcKg.Core.Domain;
using EdcKg.Core.Retrieval;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Stages;

/// <summary>
/// Stage 3, schema canonicalization of one document's triples, in order: target alignment for each, then, when the
/// schema may grow (<c>--enrich-schema</c>, or no target schema), self-canonicalization of what found no match.
/// </summary>
public sealed class SchemaCanonicalization(TargetAlignment alignment, bool enrichSchema)
{
    /// <summary>Whether unmatched relations join the schema.</summary>
    public bool EnrichSchema => enrichSchema;

    /// <summary>Canonicalizes the triples of <paramref name="document"/> against <paramref name="schema"/> (which may grow).</summary>
    public async Task<SchemaCanonicalizationOutput> CanonicalizeAsync(Document document, IReadOnlyList<Triple> triples, SchemaDefinitionOutput definitions, CanonicalSchema schema, CancellationToken cancellationToken)
    {
        var decisions = new List<CanonicalizationDecision>(triples.Count);
        var queries = new List<ReadOnlyMemory<float>?>(triples.Count);
        var added = new List<SchemaRelation>();
        var addedEmbeddings = new List<ReadOnlyMemory<float>>();
        foreach (var triple in triples)
        {
            var definition = definitions.DefinitionOf(triple.Relation);
            var outcome = await alignment.AlignAsync(document, triple, definition, schema, cancellationToken).ConfigureAwait(false);
            var decision = outcome.Decision;
            if (enrichSchema && decision.Kind == DecisionKind.Dropped && definition is not null && outcome.QueryEmbedding is { } vector)
            {
                decision = SelfCanonicalization.Enrich(decision, definition, vector.Span, schema, out var relation);
                added.Add(relation);
                addedEmbeddings.Add(vector);
            }

            decisions.Add(decision);
            queries.Add(outcome.QueryEmbedding);
        }

        return new SchemaCanonicalizationOutput(decisions, added) { QueryEmbeddings = queries, AddedEmbeddings = addedEmbeddings };
    }
}
