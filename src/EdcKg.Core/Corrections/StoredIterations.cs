using EdcKg.Core.Chunking;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Stages;
using EdcKg.Core.Storage;

namespace EdcKg.Core.Corrections;

/// <summary>Reads every iteration's stage outputs back from a run store.</summary>
public static class StoredIterations
{
    /// <summary>The iterations that have any open extraction output, in order.</summary>
    public static async Task<IReadOnlyList<StoredIteration>> LoadAsync(RunStore store, CancellationToken cancellationToken = default)
    {
        var documents = await store.LoadDocumentsAsync(cancellationToken).ConfigureAwait(false);
        var chunks = await store.LoadChunksAsync(documents, cancellationToken).ConfigureAwait(false);
        if (chunks.Count == 0)
        {
            chunks = documents.Select(d => CodePoints.ChunkOf(d, 0, 0, CodePoints.Length(d.Text))).ToList();
        }

        var chunksOf = DocumentAssembly.ByDocument(chunks);
        var iterations = new List<StoredIteration>();
        foreach (var iteration in await store.LoadIterationsAsync(StageName.OpenExtraction, cancellationToken).ConfigureAwait(false))
        {
            var triples = await LoadAsync<OpenExtractionOutput>(store, iteration, StageName.OpenExtraction, cancellationToken).ConfigureAwait(false);
            var traces = new Dictionary<int, IReadOnlyList<ChunkTrace>>();
            foreach (var (document, documentChunks) in chunksOf)
            {
                var keys = documentChunks.Select(c => new ItemKey(document, c.Index)).ToList();
                if (keys.All(triples.ContainsKey))
                {
                    traces[document] = documentChunks.Select((c, i) => new ChunkTrace(c, triples[keys[i]].Triples, triples[keys[i]].Truncated)).ToList();
                }
            }

            iterations.Add(new StoredIteration(
                iteration,
                documents,
                ByDocument(await LoadAsync<RefinementHintOutput>(store, iteration, StageName.RefinementHint, cancellationToken).ConfigureAwait(false), chunksOf, MergeHints),
                ByDocument(triples, chunksOf, ChunkMerge.Extraction),
                ByDocument(await LoadAsync<SchemaDefinitionOutput>(store, iteration, StageName.SchemaDefinition, cancellationToken).ConfigureAwait(false), chunksOf, ChunkMerge.Definitions),
                ByDocument(await LoadAsync<SchemaCanonicalizationOutput>(store, iteration, StageName.SchemaCanonicalization, cancellationToken).ConfigureAwait(false), chunksOf, ChunkMerge.Canonicalization))
            {
                Chunks = traces,
            });
        }

        return iterations;
    }

    private static async Task<IReadOnlyDictionary<ItemKey, T>> LoadAsync<T>(RunStore store, int iteration, string stage, CancellationToken cancellationToken)
        => (await store.LoadItemResultsAsync(iteration, stage, cancellationToken).ConfigureAwait(false))
            .ToDictionary(p => p.Key, p => StagePayload.Read<T>(p.Value));

    // A document's output once every one of its chunks has one, put together in chunk order.
    private static IReadOnlyDictionary<int, T> ByDocument<T>(IReadOnlyDictionary<ItemKey, T> items, IReadOnlyDictionary<int, IReadOnlyList<Chunk>> chunksOf, Func<IReadOnlyList<T>, T> merge)
    {
        var result = new Dictionary<int, T>();
        foreach (var (document, chunks) in chunksOf)
        {
            var outputs = new List<T>(chunks.Count);
            foreach (var chunk in chunks)
            {
                if (!items.TryGetValue(new ItemKey(document, chunk.Index), out var output))
                {
                    break;
                }

                outputs.Add(output);
            }

            if (outputs.Count == chunks.Count)
            {
                result[document] = merge(outputs);
            }
        }

        return result;
    }

    private static RefinementHintOutput MergeHints(IReadOnlyList<RefinementHintOutput> chunks)
        => chunks.Count == 1
            ? chunks[0]
            : chunks[0] with
            {
                Hint = new RefinementHint(
                    string.Join("\n", chunks.Select(c => c.Hint.Entities).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal)),
                    string.Join("\n", chunks.Select(c => c.Hint.Relations).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal))),
            };
}
