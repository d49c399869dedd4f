using EdcKg.Core.Corrections;
using EdcKg.Core.Chunking;
using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Stages;

namespace EdcKg.Core.Storage;

/// <summary>Reads what exporters need from the run store of a finished or partial run.</summary>
public static class RunSnapshotReader
{
    /// <summary>The file name of the run store inside a run's output folder.</summary>
    public const string StoreFileName = "run.edckg.db";

    /// <summary>
    /// Reads the snapshot of the run in <paramref name="runDirectory"/>: its documents, its schema, and for every
    /// document the canonical triples of the last iteration that canonicalized it.
    /// </summary>
    public static async Task<RunSnapshot> ReadAsync(string runDirectory, CancellationToken cancellationToken = default)
    {
        await using var store = RunStore.OpenExisting(runDirectory);
        return await ReadAsync(store, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the snapshot from an open store.</summary>
    public static async Task<RunSnapshot> ReadAsync(RunStore store, CancellationToken cancellationToken = default)
    {
        var manifest = await store.ReadManifestAsync(cancellationToken).ConfigureAwait(false);
        var documents = await store.LoadDocumentsAsync(cancellationToken).ConfigureAwait(false);
        var relations = await store.LoadSchemaAsync(cancellationToken).ConfigureAwait(false);
        var chunks = await store.LoadChunksAsync(documents, cancellationToken).ConfigureAwait(false);
        if (chunks.Count == 0)
        {
            // A store of an earlier version: every document is one chunk.
            chunks = documents.Select(d => CodePoints.ChunkOf(d, 0, 0, CodePoints.Length(d.Text))).ToList();
        }

        var chunksOf = DocumentAssembly.ByDocument(chunks);
        var noHints = new Dictionary<ItemKey, RefinementHintOutput>();
        var latest = new Dictionary<int, DocumentResult>();
        var earlierSubjects = new Dictionary<int, HashSet<string>>();
        foreach (var iteration in (await store.LoadIterationsAsync(StageName.SchemaCanonicalization, cancellationToken).ConfigureAwait(false)).Order())
        {
            var canonical = (await store.LoadItemResultsAsync(iteration, StageName.SchemaCanonicalization, cancellationToken).ConfigureAwait(false))
                .ToDictionary(r => r.Key, r => StagePayload.Read<SchemaCanonicalizationOutput>(r.Value));
            var triples = (await store.LoadItemResultsAsync(iteration, StageName.OpenExtraction, cancellationToken).ConfigureAwait(false))
                .ToDictionary(r => r.Key, r => StagePayload.Read<OpenExtractionOutput>(r.Value));
            foreach (var document in documents)
            {
                if (!chunksOf.TryGetValue(document.Index, out var documentChunks)
                    || DocumentAssembly.Assemble(document, documentChunks, iteration, noHints, triples, null, canonical) is not { } result)
                {
                    continue;
                }

                if (latest.TryGetValue(document.Index, out var earlier))
                {
                    if (!earlierSubjects.TryGetValue(document.Index, out var subjects))
                    {
                        earlierSubjects[document.Index] = subjects = new HashSet<string>(StringComparer.Ordinal);
                    }

                    subjects.UnionWith(earlier.CanonicalTriples().Select(t => t.Triple.Subject));
                }

                latest[document.Index] = result;
            }
        }

        var corrections = await CorrectionSet.LoadAsync(store.Path, cancellationToken).ConfigureAwait(false);
        var canonicalTriples = new List<CanonicalTriple>();
        var corrected = new List<CorrectedTriples>();
        var superseded = new List<SupersededTriples>();
        foreach (var document in documents)
        {
            if (!latest.TryGetValue(document.Index, out var found))
            {
                continue;
            }

            // A reviewer's corrections change the decisions; the chunks and spans stay those the triple was read in.
            canonicalTriples.AddRange((found with { SchemaCanonicalization = corrections.Apply(document, found.Iteration, found.SchemaCanonicalization) }).CanonicalTriples());
            if (corrections.Footprint(document, found.Iteration, found.SchemaCanonicalization) is { } footprint)
            {
                corrected.Add(footprint);
            }

            if (earlierSubjects.TryGetValue(document.Index, out var subjects))
            {
                superseded.Add(new SupersededTriples(document.Id, document.Index, found.Iteration, subjects.Order(StringComparer.Ordinal).ToList()));
            }
        }

        await using var entityStore = EntityStore.Open(store);
        var entities = await entityStore.LoadLatestAsync(cancellationToken).ConfigureAwait(false);
        if (entities is not null)
        {
            canonicalTriples = canonicalTriples.Select(t => t.Iteration != entities.Iteration ? t : t with
            {
                SubjectId = entities.Assignments.GetValueOrDefault(Entities.EntityMention.MentionKey(t.DocumentId, t.Triple.Subject)),
                ObjectId = entities.Assignments.GetValueOrDefault(Entities.EntityMention.MentionKey(t.DocumentId, t.Triple.Object)),
            }).ToList();
        }

        return new RunSnapshot(RunManifest.RunIdOf(manifest), documents, relations, canonicalTriples, superseded, entities) { Corrected = corrected, Chunks = chunks };
    }
}
