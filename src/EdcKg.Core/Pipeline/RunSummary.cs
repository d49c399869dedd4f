namespace EdcKg.Core.Pipeline;

/// <summary>What a run did.</summary>
/// <param name="Documents">Documents in the corpus.</param>
/// <param name="Iterations">The last iteration whose outputs were written (0 = plain EDC; −1 when documents of iteration 0 are unfinished).</param>
/// <param name="CanonicalTriples">Canonical triples of the last iteration.</param>
/// <param name="SchemaSize">Relations in the schema at the end.</param>
/// <param name="ResumedStages">Stage passes that found work of a previous run and continued it.</param>
/// <param name="UnparsedAnswers">Open extraction fragments that could not be read, over all iterations.</param>
/// <param name="UndefinedRelations">Relations left without a definition, over all iterations.</param>
public sealed record RunSummary(int Documents, int Iterations, int CanonicalTriples, int SchemaSize, int ResumedStages, int UnparsedAnswers, int UndefinedRelations)
{
    /// <summary>Documents whose model requests kept failing, as the run store records them; the next run retries them.</summary>
    public IReadOnlyList<DocumentFailure> Failures { get; init; } = [];

    /// <summary>Documents without a result in the last iteration attempted (failed, or waiting behind a failed one).</summary>
    public int UnfinishedDocuments { get; init; }

    /// <summary>
    /// Model answers that stopped at the token limit (<c>ChatFinishReason.Length</c>, also when read back from the
    /// cache), over all iterations written: their last triples, definitions or entities may be cut. Each is marked in
    /// its stage output in the run store.
    /// </summary>
    public int TruncatedAnswers { get; init; }

    /// <summary>The chunks the documents were cut into (as many as documents when none was too long).</summary>
    public int Chunks { get; init; }

    /// <summary>Whether every document was done.</summary>
    public bool Complete => UnfinishedDocuments == 0;
}
