using EdcKg.Core.Corrections;
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
        var byIndex = documents.ToDictionary(d => d.Index);
        var latest = new Dictionary<int, (int Iteration, SchemaCanonicalizationOutput Output)>();
        var earlierSubjects = new Dictionary<int, HashSet<string>>();
        foreach (var iteration in (await store.LoadIterationsAsync(StageName.SchemaCanonicalization, cancellationToken).ConfigureAwait(false)).Order())
        {
            foreach (var (index, payload) in await store.LoadStageResultsAsync(iteration, StageName.SchemaCanonicalization, cancellationToken).ConfigureAwait(false))
            {
                if (latest.TryGetValue(index, out var earlier) && byIndex.TryGetValue(index, out var document))
                {
                    if (!earlierSubjects.TryGetValue(index, out var subjects))
                    {
                        earlierSubjects[index] = subjects = new HashSet<string>(StringComparer.Ordinal);
                    }

                    subjects.UnionWith(earlier.Output.CanonicalTriples(document, earlier.Iteration).Select(t => t.Triple.Subject));
                }

                latest[index] = (iteration, StagePayload.Read<SchemaCanonicalizationOutput>(payload));
            }
        }

        var corrections = await CorrectionSet.LoadAsync(store.Path, cancellationToken).ConfigureAwait(false);
        var triples = new List<CanonicalTriple>();
        var corrected = new List<CorrectedTriples>();
        var superseded = new List<SupersededTriples>();
        foreach (var document in documents)
        {
            if (!latest.TryGetValue(document.Index, out var found))
            {
                continue;
            }

            triples.AddRange(corrections.Apply(document, found.Iteration, found.Output).CanonicalTriples(document, found.Iteration));
            if (corrections.Footprint(document, found.Iteration, found.Output) is { } footprint)
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
            triples = triples.Select(t => t.Iteration != entities.Iteration ? t : t with
            {
                SubjectId = entities.Assignments.GetValueOrDefault(Entities.EntityMention.MentionKey(t.DocumentId, t.Triple.Subject)),
                ObjectId = entities.Assignments.GetValueOrDefault(Entities.EntityMention.MentionKey(t.DocumentId, t.Triple.Object)),
            }).ToList();
        }

        return new RunSnapshot(RunManifest.RunIdOf(manifest), documents, relations, triples, superseded, entities) { Corrected = corrected };
    }
}
