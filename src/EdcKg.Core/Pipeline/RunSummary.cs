namespace EdcKg.Core.Pipeline;

/// <summary>What a run did.</summary>
/// <param name="Documents">Documents in the corpus.</param>
/// <param name="Iterations">Iterations completed (0 = plain EDC).</param>
/// <param name="CanonicalTriples">Canonical triples of the last iteration.</param>
/// <param name="SchemaSize">Relations in the schema at the end.</param>
/// <param name="ResumedStages">Stage passes that found work of a previous run and continued it.</param>
/// <param name="UnparsedAnswers">Open extraction fragments that could not be read, over all iterations.</param>
/// <param name="UndefinedRelations">Relations left without a definition, over all iterations.</param>
public sealed record RunSummary(int Documents, int Iterations, int CanonicalTriples, int SchemaSize, int ResumedStages, int UnparsedAnswers, int UndefinedRelations);
