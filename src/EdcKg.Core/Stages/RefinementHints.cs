using System.Text;
using EdcKg.Core.Domain;
using EdcKg.Core.Parsing;
using EdcKg.Core.Retrieval;

namespace EdcKg.Core.Stages;

/// <summary>
/// EDC+R's hint for refined extraction of one document: entities (extracted, then merged with the entities of the
/// document's previous triples) and relations (the previous triples' relations first, then the schema retriever's,
/// without duplicates, each with its definition and, where the previous iteration extracted it somewhere in the
/// corpus, one example triple with its source text, chosen by a seeded draw so runs are reproducible).
/// </summary>
public sealed class RefinementHints(EntityExtraction extraction, EntityMerging merging, SchemaRetriever retriever, int retrievedRelations = 10, int seed = 0)
{
    /// <summary>Builds the hint of <paramref name="document"/>.</summary>
    /// <param name="document">The document.</param>
    /// <param name="previousTriples">Its canonical triples from the previous iteration.</param>
    /// <param name="schema">The current schema (definitions).</param>
    /// <param name="examples">Every previous canonical triple by relation, with the text it came from, in corpus order.</param>
    /// <param name="iteration">The iteration the hint is for (part of the seed).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<RefinementHintOutput> BuildAsync(
        Document document,
        IReadOnlyList<Triple> previousTriples,
        IReadOnlyDictionary<string, SchemaRelation> schema,
        IReadOnlyDictionary<string, IReadOnlyList<(Triple Triple, string Text)>> examples,
        int iteration,
        CancellationToken cancellationToken)
    {
        var previousEntities = previousTriples.SelectMany(t => new[] { t.Subject, t.Object }).Distinct(StringComparer.Ordinal).ToList();
        var extracted = await extraction.ExtractAsync(document, cancellationToken).ConfigureAwait(false);
        var merged = await merging.MergeAsync(document, previousEntities, extracted, cancellationToken).ConfigureAwait(false);

        var retrieved = await retriever.RetrieveAsync(document.Text, retrievedRelations, cancellationToken).ConfigureAwait(false);
        var hintRelations = previousTriples.Select(t => t.Relation).Distinct(StringComparer.Ordinal).ToList();
        foreach (var relation in retrieved)
        {
            if (!hintRelations.Contains(relation))
            {
                hintRelations.Add(relation);
            }
        }

        var text = new StringBuilder();
        var number = 0;
        foreach (var relation in hintRelations.Where(schema.ContainsKey))
        {
            number++;
            text.Append(number).Append(". ").Append(relation).Append(": ").Append(schema[relation].Definition).Append('\n');
            if (examples.TryGetValue(relation, out var candidates) && candidates.Count > 0)
            {
                var pick = candidates[SeededDraw(seed, iteration, document.Index, relation, candidates.Count)];
                text.Append("For example, ").Append(PythonRepr.OfList(pick.Triple.ToList()))
                    .Append(" can be extracted from \"").Append(pick.Text).Append("\"\n");
            }
        }

        var hint = new RefinementHint(PythonRepr.OfList(merged), text.ToString());
        return new RefinementHintOutput(extracted, merged, retrieved, hintRelations, hint);
    }

    // A draw that depends only on its inputs (not on call order), so a resumed run draws what an uninterrupted one did.
    private static int SeededDraw(int seed, int iteration, int documentIndex, string relation, int count)
    {
        var key = Caching.CacheKey.Of(seed.ToString(System.Globalization.CultureInfo.InvariantCulture), iteration.ToString(System.Globalization.CultureInfo.InvariantCulture), documentIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), relation);
        var value = BitConverter.ToUInt64(key, 0);
        return (int)(value % (ulong)count);
    }
}
