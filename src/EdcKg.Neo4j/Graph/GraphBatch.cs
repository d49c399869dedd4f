using EdcKg.Core.Chunking;
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
    /// <summary>
    /// Documents a reviewer's correction touched: the graph's relationships of their final iteration that are not among
    /// their corrected triples (replaced or dropped by a correction, or made by one since undone) are deleted.
    /// </summary>
    public IReadOnlyList<CorrectedTriples> Corrected { get; init; } = [];

    /// <summary>
    /// The rows of <see cref="GraphStatements.CorrectedRelationships"/>, one per corrected document: its subjects'
    /// node keys (by name, and by resolved entity where entities were resolved) and the relationships to keep, which
    /// are the document's triples in this batch.
    /// </summary>
    public IEnumerable<IReadOnlyDictionary<string, object?>> CorrectedRows()
    {
        if (Corrected.Count == 0)
        {
            return [];
        }

        var keep = Triples
            .Select(t => (t.DocumentIndex, t.Iteration, Row: RelationshipRow.From(RunId, t, Graph)))
            .Where(t => t.Row is not null)
            .ToLookup(t => (t.DocumentIndex, t.Iteration), t => GraphStatements.CorrectedIdentity(t.Row!.SubjectKey, t.Row.Relation, t.Row.ObjectKey));
        return Corrected.Select(c => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["graph"] = Graph,
            ["documentId"] = c.DocumentId,
            ["iteration"] = c.Iteration,
            ["subjectKeys"] = c.Subjects
                .SelectMany(name => Entities?.Assignments.GetValueOrDefault(Core.Entities.EntityMention.MentionKey(c.DocumentId, name)) is { } id
                    ? new[] { GraphNames.EntityKey(name), ResolvedEntityRows.Key(RunId, id) }
                    : [GraphNames.EntityKey(name)])
                .Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            ["keep"] = keep[(c.DocumentIndex, c.Iteration)].Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        });
    }

    /// <summary>
    /// The graph the batch is written into: documents, chunks, schema relations and relationships are keyed by it, so
    /// corpora written under other names never overwrite them. The run's id unless named (<c>--neo4j-graph</c>).
    /// </summary>
    public string Graph { get; init => field = string.IsNullOrEmpty(value) ? RunId : value; } = RunId;

    /// <summary>Chunk nodes to merge (with their documents' <c>HAS_CHUNK</c>), from documents of this batch.</summary>
    public IReadOnlyList<Chunk> Chunks { get; init; } = [];

    /// <summary>All of a run's snapshot as one batch, written into <paramref name="graph"/> (the run's id when null).</summary>
    public static GraphBatch Of(RunSnapshot snapshot, string? graph = null)
        => new(snapshot.RunId, snapshot.Documents, snapshot.Relations, snapshot.Triples, snapshot.Superseded, snapshot.Entities) { Graph = graph ?? snapshot.RunId, Chunks = snapshot.Chunks, Corrected = snapshot.Corrected };

    /// <summary>The rows of <see cref="GraphStatements.SupersededRelationships"/>, one per superseded document.</summary>
    public IEnumerable<IReadOnlyDictionary<string, object?>> SupersededRows() =>
        (Superseded ?? []).Select(s => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["graph"] = Graph,
            ["documentId"] = s.DocumentId,
            ["iteration"] = s.FinalIteration,
            ["subjectKeys"] = s.Subjects.Select(GraphNames.EntityKey).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        });
}
