namespace EdcKg.Core.Domain;

/// <summary>Everything an exporter needs from a (finished or partial) run: the documents, the schema and the
/// canonical triples of the last finished iteration of every document.</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="Documents">The corpus.</param>
/// <param name="Relations">The schema.</param>
/// <param name="Triples">The canonical triples of every canonicalized document's last finished iteration.</param>
/// <param name="FinalIterations">
/// For each canonicalized document (by index), the iteration its triples come from, so that an exporter can retire
/// what an earlier export wrote from an earlier iteration; documents without triples are in it too.
/// </param>
public sealed record RunSnapshot(
    string RunId,
    IReadOnlyList<Document> Documents,
    IReadOnlyList<SchemaRelation> Relations,
    IReadOnlyList<CanonicalTriple> Triples,
    IReadOnlyDictionary<int, int>? FinalIterations = null);
