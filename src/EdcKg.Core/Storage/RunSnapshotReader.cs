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
        var latest = new Dictionary<int, (int Iteration, SchemaCanonicalizationOutput Output)>();
        foreach (var iteration in await store.LoadIterationsAsync(StageName.SchemaCanonicalization, cancellationToken).ConfigureAwait(false))
        {
            foreach (var (index, payload) in await store.LoadStageResultsAsync(iteration, StageName.SchemaCanonicalization, cancellationToken).ConfigureAwait(false))
            {
                latest[index] = (iteration, StagePayload.Read<SchemaCanonicalizationOutput>(payload));
            }
        }

        var triples = new List<CanonicalTriple>();
        foreach (var document in documents)
        {
            if (!latest.TryGetValue(document.Index, out var found))
            {
                continue;
            }

            triples.AddRange(found.Output.CanonicalTriples(document, found.Iteration));
        }

        return new RunSnapshot(RunManifest.RunIdOf(manifest), documents, relations, triples, latest.ToDictionary(p => p.Key, p => p.Value.Iteration));
    }
}
