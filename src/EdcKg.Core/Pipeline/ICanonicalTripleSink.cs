using EdcKg.Core.Domain;

namespace EdcKg.Core.Pipeline;

/// <summary>
/// Receives the final canonical triples of each document while a run goes on (a graph database written as documents
/// finish, for instance). A sink must not fail the run: the run store stays the record, and a sink that could not
/// keep up can be replayed from it later.
/// </summary>
public interface ICanonicalTripleSink
{
    /// <summary>
    /// Called once a document's canonical triples of the last iteration are stored, from concurrent workers, in any
    /// order. Should return quickly (queue the work).
    /// </summary>
    ValueTask AddAsync(Document document, IReadOnlyList<CanonicalTriple> triples, CancellationToken cancellationToken);

    /// <summary>
    /// Called when the run has finished, with its whole snapshot: the sink writes what it has not yet written
    /// (documents done before a resume, the final schema) and waits for its queued work.
    /// </summary>
    Task CompleteAsync(RunSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>
    /// Called by an update before any work, with the ids of the documents whose written triples are stale (changed or
    /// removed): the sink deletes what it wrote of them. The changed ones are written again as they finish.
    /// </summary>
    Task RetireDocumentsAsync(IReadOnlyList<string> documentIds, CancellationToken cancellationToken) => Task.CompletedTask;
}
