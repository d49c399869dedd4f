namespace EdcKg.Core.Domain;

/// <summary>
/// A document whose triples a reviewer's correction touched (or an undone one once touched): what a graph written
/// before the correction must be brought to. Every subject its triples ever had is listed, so that a writer can find
/// and delete the relationships the corrections replaced, whatever was written when.
/// </summary>
/// <param name="DocumentId">The document's id.</param>
/// <param name="DocumentIndex">Its position in the corpus.</param>
/// <param name="Iteration">The iteration its final triples come from.</param>
/// <param name="Subjects">Every subject its triples had: as extracted, as corrected now, and every name a correction gave.</param>
public sealed record CorrectedTriples(string DocumentId, int DocumentIndex, int Iteration, IReadOnlyList<string> Subjects);
