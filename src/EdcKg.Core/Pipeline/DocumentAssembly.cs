using EdcKg.Core.Chunking;
using EdcKg.Core.Domain;
using EdcKg.Core.Stages;

namespace EdcKg.Core.Pipeline;

/// <summary>
/// Builds a document's result of one iteration from the outputs of its chunks (<see cref="ChunkMerge"/>): the
/// document is done when every chunk is; a document of one chunk gives exactly that chunk's outputs.
/// </summary>
public static class DocumentAssembly
{
    /// <summary>The chunks of each document, in corpus order then chunk order.</summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<Chunk>> ByDocument(IEnumerable<Chunk> chunks)
        => chunks.GroupBy(c => c.DocumentIndex).ToDictionary(g => g.Key, g => (IReadOnlyList<Chunk>)g.OrderBy(c => c.Index).ToList());

    /// <summary>
    /// The document's result, or null while a chunk lacks an output. <paramref name="definitions"/> may be null (a
    /// reader that needs the triples only) and then counts as done.
    /// </summary>
    public static DocumentResult? Assemble(
        Document document,
        IReadOnlyList<Chunk> chunks,
        int iteration,
        IReadOnlyDictionary<ItemKey, RefinementHintOutput> hints,
        IReadOnlyDictionary<ItemKey, OpenExtractionOutput> triples,
        IReadOnlyDictionary<ItemKey, SchemaDefinitionOutput>? definitions,
        IReadOnlyDictionary<ItemKey, SchemaCanonicalizationOutput> canonical)
    {
        var keys = chunks.Select(c => new ItemKey(c.DocumentIndex, c.Index)).ToList();
        if (!keys.All(k => triples.ContainsKey(k) && canonical.ContainsKey(k) && (definitions is null || definitions.ContainsKey(k))))
        {
            return null;
        }

        var chunkHints = keys.Select(k => hints.GetValueOrDefault(k)?.Hint).OfType<RefinementHint>().ToList();
        var hint = chunkHints.Count switch
        {
            0 => null,
            1 => chunkHints[0],
            _ => new RefinementHint(
                string.Join("\n", chunkHints.Select(h => h.Entities).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal)),
                string.Join("\n", chunkHints.Select(h => h.Relations).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal))),
        };
        return new DocumentResult(
            document,
            iteration,
            hint,
            ChunkMerge.Extraction(keys.Select(k => triples[k]).ToList()),
            definitions is null ? new SchemaDefinitionOutput([], []) : ChunkMerge.Definitions(keys.Select(k => definitions[k]).ToList()),
            ChunkMerge.Canonicalization(keys.Select(k => canonical[k]).ToList()))
        {
            Chunks = chunks.Select((c, i) => new ChunkTrace(c, triples[keys[i]].Triples, triples[keys[i]].Truncated)).ToList(),
        };
    }
}
