namespace EdcKg.Core.Domain;

/// <summary>Everything an exporter needs from a (finished or partial) run: the documents, the schema and the
/// canonical triples of the last finished iteration of every document.</summary>
public sealed record RunSnapshot(
    string RunId,
    IReadOnlyList<Document> Documents,
    IReadOnlyList<SchemaRelation> Relations,
    IReadOnlyList<CanonicalTriple> Triples);
