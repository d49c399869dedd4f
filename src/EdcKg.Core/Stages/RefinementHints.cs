using System.Globalization;
using System.Text;
using EdcKg.Core.Caching;
using EdcKg.Core.Parsing;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Storage;

namespace EdcKg.Core.Stages;

/// <summary>
/// EDC+R's hint for refined extraction of one item: entities (extracted, then merged with the entities of the item's
/// previous triples) and relations (the previous triples' relations first, then schema retrieval's, without
/// duplicates, each with its definition and, where the previous iteration extracted it somewhere in the corpus, one
/// example triple with its source text, chosen by a seeded draw so runs are reproducible).
/// </summary>
public sealed class RefinementHints(EntityExtraction extraction, EntityMerging merging, SchemaRetrieval retrieval, RefinementContext context)
    : IStage<RefinementHintInput, RefinementHintOutput>
{
    /// <inheritdoc />
    public string Name => StageName.RefinementHint;

    /// <summary>Builds the hint of one item.</summary>
    public async Task<RefinementHintOutput> InvokeAsync(RefinementHintInput input, CancellationToken cancellationToken)
    {
        var previousEntities = input.PreviousTriples.SelectMany(t => new[] { t.Subject, t.Object }).Distinct(StringComparer.Ordinal).ToList();
        var found = await extraction.InvokeAsync(new EntityExtractionInput(input.Text), cancellationToken).ConfigureAwait(false);
        var union = await merging.InvokeAsync(new EntityMergingInput(input.Text, previousEntities, found.Entities), cancellationToken).ConfigureAwait(false);
        var (extracted, merged) = (found.Entities, union.Entities);

        var retrieved = await retrieval.InvokeAsync(new SchemaRetrievalInput(input.Text), cancellationToken).ConfigureAwait(false);
        var hintRelations = input.PreviousTriples.Select(t => t.Relation).Distinct(StringComparer.Ordinal).ToList();
        foreach (var relation in retrieved)
        {
            if (!hintRelations.Contains(relation))
            {
                hintRelations.Add(relation);
            }
        }

        var text = new StringBuilder();
        var number = 0;
        foreach (var relation in hintRelations.Where(context.Schema.ContainsKey))
        {
            number++;
            text.Append(number).Append(". ").Append(relation).Append(": ").Append(context.Schema[relation].Definition).Append('\n');
            if (context.Examples.TryGetValue(relation, out var candidates) && candidates.Count > 0)
            {
                var pick = candidates[SeededDraw(input.Key, relation, candidates.Count)];
                text.Append("For example, ").Append(PythonRepr.OfList(pick.Triple.ToList()))
                    .Append(" can be extracted from \"").Append(pick.Text).Append("\"\n");
            }
        }

        var hint = new RefinementHint(PythonRepr.OfList(merged), text.ToString());
        return new RefinementHintOutput(extracted, merged, retrieved, hintRelations, hint)
        {
            TruncatedAnswers = (found.Truncated ? 1 : 0) + (union.Truncated ? 1 : 0),
        };
    }

    // A draw that depends only on its inputs (not on call order), so a resumed run draws what an uninterrupted one did.
    private int SeededDraw(ItemKey key, string relation, int count)
    {
        var parts = new List<string>
        {
            context.Seed.ToString(CultureInfo.InvariantCulture),
            context.Iteration.ToString(CultureInfo.InvariantCulture),
            key.DocumentIndex.ToString(CultureInfo.InvariantCulture),
        };
        if (key.ChunkIndex != 0)
        {
            // Chunk 0 draws as the whole document always did, so runs made before chunking keep their hints.
            parts.Add("chunk " + key.ChunkIndex.ToString(CultureInfo.InvariantCulture));
        }

        parts.Add(relation);
        var value = BitConverter.ToUInt64(CacheKey.Of([.. parts]), 0);
        return (int)(value % (ulong)count);
    }
}
