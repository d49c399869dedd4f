using EdcKg.Core.Domain;

namespace EdcKg.Neo4j.Graph;

/// <summary>
/// Something to write: canonical triples of a run with the documents and schema relations they need. Writing the
/// same batch again changes nothing.
/// </summary>
/// <param name="RunId">The run the triples belong to.</param>
/// <param name="Documents">Document nodes to merge.</param>
/// <param name="Relations">Schema relation nodes to merge.</param>
/// <param name="Triples">Canonical triples to merge as relationships.</param>
/// <param name="Superseded">
/// Documents whose final triples come from a refinement iteration: the run's relationships of them from earlier
/// iterations (found from their subjects' entity nodes) are deleted, so the graph holds each document's final
/// triples only, however many iterations were written along the way.
/// </param>
/// <param name="Entities">Resolved entities to merge as nodes (<see cref="ResolvedEntityRows"/>), when entities were resolved.</param>
public sealed record GraphBatch(
    string RunId,
    IReadOnlyList<Document> Documents,
    IReadOnlyList<SchemaRelation> Relations,
    IReadOnlyList<CanonicalTriple> Triples,
    IReadOnlyList<SupersededTriples>? Superseded = null,
    Core.Entities.ResolvedEntities? Entities = null)
{
    /// <summary>All of a run's snapshot as one batch.</summary>
    public static GraphBatch Of(RunSnapshot snapshot) => new(snapshot.RunId, snapshot.Documents, snapshot.Relations, snapshot.Triples, snapshot.Superseded, snapshot.Entities);

    /// <summary>The rows of <see cref="GraphStatements.SupersededRelationships"/>, one per superseded document.</summary>
    public IEnumerable<IReadOnlyDictionary<string, object?>> SupersededRows() =>
        (Superseded ?? []).Select(s => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["runId"] = RunId,
            ["documentId"] = s.DocumentId,
            ["iteration"] = s.FinalIteration,
            ["subjectKeys"] = s.Subjects.Select(GraphNames.EntityKey).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        });
}
