namespace EdcKg.Core.Pipeline;

/// <summary>A document whose stage could not be done because its model requests kept failing.</summary>
/// <param name="Iteration">The iteration.</param>
/// <param name="Stage">The stage (a <see cref="Storage.StageName"/>).</param>
/// <param name="DocumentIndex">The document's position in corpus order.</param>
/// <param name="DocumentId">The document's id.</param>
/// <param name="Error">Why the requests failed.</param>
public sealed record DocumentFailure(int Iteration, string Stage, int DocumentIndex, string DocumentId, string Error)
{
    /// <summary>The chunk of the document that failed (0 for a document of one chunk).</summary>
    public int ChunkIndex { get; init; }
}
