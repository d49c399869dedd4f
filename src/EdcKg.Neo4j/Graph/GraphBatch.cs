using EdcKg.Core.Domain;

namespace EdcKg.Neo4j.Graph;

/// <summary>
/// Something to write: canonical triples of a run with the documents and schema relations they need. Writing the
/// same batch again changes nothing.
/// </summary>
public sealed record GraphBatch(
    string RunId,
    IReadOnlyList<Document> Documents,
    IReadOnlyList<SchemaRelation> Relations,
    IReadOnlyList<CanonicalTriple> Triples)
{
    /// <summary>All of a run's snapshot as one batch.</summary>
    public static GraphBatch Of(RunSnapshot snapshot) => new(snapshot.RunId, snapshot.Documents, snapshot.Relations, snapshot.Triples);
}
