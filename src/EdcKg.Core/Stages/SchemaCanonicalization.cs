using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Storage;

namespace EdcKg.Core.Stages;

/// <summary>
/// Stage 3, schema canonicalization of one item's triples, in order: target alignment for each, then, when the
/// schema may grow (<c>--enrich-schema</c>, or no target schema), self-canonicalization of what found no match.
/// Against a fixed schema the triples' questions do not depend on each other and are asked together, so that a
/// batching backend evaluates the item's text, which opens each of them, once.
/// </summary>
public sealed class SchemaCanonicalization(TargetAlignment alignment, bool enrichSchema)
    : IStage<SchemaCanonicalizationInput, SchemaCanonicalizationOutput>
{
    /// <inheritdoc />
    public string Name => StageName.SchemaCanonicalization;

    /// <summary>Whether unmatched relations join the schema.</summary>
    public bool EnrichSchema => enrichSchema;

    /// <summary>Canonicalizes the item's triples against its schema (which may grow).</summary>
    public async Task<SchemaCanonicalizationOutput> InvokeAsync(SchemaCanonicalizationInput input, CancellationToken cancellationToken)
    {
        if (!enrichSchema)
        {
            return await AlignTogetherAsync(input, cancellationToken).ConfigureAwait(false);
        }

        var triples = input.Triples;
        var decisions = new List<CanonicalizationDecision>(triples.Count);
        var queries = new List<ReadOnlyMemory<float>?>(triples.Count);
        var added = new List<SchemaRelation>();
        var addedEmbeddings = new List<ReadOnlyMemory<float>>();
        var truncated = 0;
        foreach (var triple in triples)
        {
            var definition = input.Definitions.DefinitionOf(triple.Relation);
            var outcome = await alignment.InvokeAsync(new TargetAlignmentInput(input.Text, triple, definition, input.Schema), cancellationToken).ConfigureAwait(false);
            var decision = outcome.Decision;
            truncated += outcome.Truncated ? 1 : 0;
            if (enrichSchema && decision.Kind == DecisionKind.Dropped && definition is not null && outcome.QueryEmbedding is { } vector)
            {
                var enriched = SelfCanonicalization.Enrich(new SelfCanonicalizationInput(decision, definition, vector, input.Schema));
                decision = enriched.Decision;
                added.Add(enriched.Added);
                addedEmbeddings.Add(vector);
            }

            decisions.Add(decision);
            queries.Add(outcome.QueryEmbedding);
        }

        return new SchemaCanonicalizationOutput(decisions, added) { QueryEmbeddings = queries, AddedEmbeddings = addedEmbeddings, TruncatedAnswers = truncated };
    }

    private async Task<SchemaCanonicalizationOutput> AlignTogetherAsync(SchemaCanonicalizationInput input, CancellationToken cancellationToken)
    {
        var outcomes = await SiblingQuestions.AskAllAsync(
            input.Triples,
            (triple, ct) => alignment.InvokeAsync(new TargetAlignmentInput(input.Text, triple, input.Definitions.DefinitionOf(triple.Relation), input.Schema), ct),
            cancellationToken).ConfigureAwait(false);
        return new SchemaCanonicalizationOutput([.. outcomes.Select(o => o.Decision)], [])
        {
            QueryEmbeddings = [.. outcomes.Select(o => o.QueryEmbedding)],
            AddedEmbeddings = [],
            TruncatedAnswers = outcomes.Count(o => o.Truncated),
        };
    }
}
