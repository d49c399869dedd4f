namespace EdcKg.Core.Domain;

/// <summary>
/// What a document's canonical triples were before its final iteration: the subjects of the triples of every
/// earlier iteration, so that a graph written from those iterations can be brought to the final triples.
/// </summary>
/// <param name="DocumentId">The document's id.</param>
/// <param name="DocumentIndex">The document's position in the corpus.</param>
/// <param name="FinalIteration">The iteration the document's final triples come from.</param>
/// <param name="Subjects">The distinct subjects of its triples in earlier iterations.</param>
public sealed record SupersededTriples(string DocumentId, int DocumentIndex, int FinalIteration, IReadOnlyList<string> Subjects);
