using EdcKg.Core.Corrections;
using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Storage;

namespace EdcKg.Review.Model;

/// <summary>
/// What the review reads from the run store once, when the server starts: the pipeline's own outputs, which a
/// review never changes. Corrections are applied over it each time they change, without reading the store again.
/// </summary>
internal sealed record StoredRun(
    string RunId,
    IReadOnlyList<Document> Documents,
    IReadOnlyList<SchemaRelation> Schema,
    IReadOnlyList<DocumentFailure> Failures,
    IReadOnlyList<StoredIteration> Iterations)
{
    public static async Task<StoredRun> LoadAsync(RunStore store, CancellationToken cancellationToken)
        => new(
            RunManifest.RunIdOf(await store.ReadManifestAsync(cancellationToken).ConfigureAwait(false)),
            await store.LoadDocumentsAsync(cancellationToken).ConfigureAwait(false),
            await store.LoadSchemaAsync(cancellationToken).ConfigureAwait(false),
            await store.LoadFailuresAsync(cancellationToken).ConfigureAwait(false),
            await StoredIterations.LoadAsync(store, cancellationToken).ConfigureAwait(false));
}
