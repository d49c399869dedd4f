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
        var iterations = new List<StoredIteration>();
        foreach (var iteration in await store.LoadIterationsAsync(StageName.OpenExtraction, cancellationToken).ConfigureAwait(false))
        {
            iterations.Add(new StoredIteration(
                iteration,
                documents,
                await LoadAsync<RefinementHintOutput>(store, iteration, StageName.RefinementHint, cancellationToken).ConfigureAwait(false),
                await LoadAsync<OpenExtractionOutput>(store, iteration, StageName.OpenExtraction, cancellationToken).ConfigureAwait(false),
                await LoadAsync<SchemaDefinitionOutput>(store, iteration, StageName.SchemaDefinition, cancellationToken).ConfigureAwait(false),
                await LoadAsync<SchemaCanonicalizationOutput>(store, iteration, StageName.SchemaCanonicalization, cancellationToken).ConfigureAwait(false)));
        }

        return iterations;
    }

    private static async Task<IReadOnlyDictionary<int, T>> LoadAsync<T>(RunStore store, int iteration, string stage, CancellationToken cancellationToken)
        => (await store.LoadStageResultsAsync(iteration, stage, cancellationToken).ConfigureAwait(false))
            .ToDictionary(p => p.Key, p => StagePayload.Read<T>(p.Value));
}
