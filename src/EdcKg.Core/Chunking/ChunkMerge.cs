using EdcKg.Core.Domain;
using EdcKg.Core.Stages;

namespace EdcKg.Core.Chunking;

/// <summary>
/// Puts a document back together from its chunks' stage outputs, in chunk order. A document of one chunk is
/// returned exactly as that chunk's outputs, so EDC's one-sentence benchmark lines give EDC's results. With several
/// chunks a triple read again in a later chunk (overlap, or a repeated statement) is canonicalized once, where it
/// was first read, and the document's triples are the union over its chunks with every occurrence kept.
/// </summary>
public static class ChunkMerge
{
    /// <summary>For each chunk, its triples that no earlier chunk of the document gave: what that chunk asks canonicalization about.</summary>
    public static IReadOnlyList<IReadOnlyList<Triple>> FirstOccurrences(IReadOnlyList<IReadOnlyList<Triple>> chunkTriples)
    {
        var seen = new HashSet<Triple>();
        return chunkTriples.Select(triples => (IReadOnlyList<Triple>)triples.Where(seen.Add).ToList()).ToList();
    }

    /// <summary>The document's open extraction: the triples of every chunk without duplicates, the unread fragments and answers of all.</summary>
    public static OpenExtractionOutput Extraction(IReadOnlyList<OpenExtractionOutput> chunks)
        => chunks.Count == 1
            ? chunks[0]
            : new OpenExtractionOutput(
                chunks.SelectMany(c => c.Triples).Distinct().ToList(),
                chunks.SelectMany(c => c.Unparsed).ToList(),
                string.Join("\n", chunks.Select(c => c.Answer)));

    /// <summary>The document's definitions: the first definition given for each relation; missing those no chunk defined.</summary>
    public static SchemaDefinitionOutput Definitions(IReadOnlyList<SchemaDefinitionOutput> chunks)
    {
        if (chunks.Count == 1)
        {
            return chunks[0];
        }

        var definitions = chunks.SelectMany(c => c.Definitions).DistinctBy(d => d.Relation, StringComparer.Ordinal).ToList();
        var defined = definitions.Select(d => d.Relation).ToHashSet(StringComparer.Ordinal);
        return new SchemaDefinitionOutput(definitions, chunks.SelectMany(c => c.Missing).Where(m => !defined.Contains(m)).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The document's canonicalization: every chunk's decisions and schema additions, in chunk order.</summary>
    public static SchemaCanonicalizationOutput Canonicalization(IReadOnlyList<SchemaCanonicalizationOutput> chunks)
        => chunks.Count == 1
            ? chunks[0]
            : new SchemaCanonicalizationOutput(chunks.SelectMany(c => c.Decisions).ToList(), chunks.SelectMany(c => c.AddedRelations).ToList());

    /// <summary>
    /// The canonical triples of a document with where each was read: every chunk whose extraction gave its open
    /// triple, with the subject's and object's spans there. A triple is marked truncated when every answer it came
    /// from was cut off. With several chunks, a canonical triple equal to an earlier one (same subject, relation and
    /// object) is merged into it; a single chunk keeps EDC's list as it is.
    /// </summary>
    public static IReadOnlyList<CanonicalTriple> WithProvenance(IEnumerable<CanonicalTriple> triples, IReadOnlyList<ChunkTrace> chunks)
    {
        if (chunks.Count == 0)
        {
            return triples.ToList();
        }

        var result = new List<CanonicalTriple>();
        var byTriple = new Dictionary<Triple, int>();
        foreach (var triple in triples)
        {
            var open = triple.Triple with { Relation = triple.OpenRelation };
            var sources = chunks.Where(c => c.Triples.Contains(open)).ToList();
            var occurrences = sources.Select(c => TripleOccurrence.In(c.Chunk, triple.Triple)).ToList();
            var truncated = sources.Count > 0 && sources.All(c => c.Truncated);
            if (chunks.Count > 1 && byTriple.TryGetValue(triple.Triple, out var earlier))
            {
                var first = result[earlier];
                result[earlier] = first with
                {
                    Occurrences = first.Occurrences.Concat(occurrences).DistinctBy(o => o.ChunkIndex).OrderBy(o => o.ChunkIndex).ToList(),
                    Truncated = first.Truncated && truncated,
                };
                continue;
            }

            byTriple.TryAdd(triple.Triple, result.Count);
            result.Add(triple with { Occurrences = occurrences, Truncated = truncated });
        }

        return result;
    }
}
