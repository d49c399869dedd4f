using EdcKg.Core.Chunking;
using EdcKg.Core.Domain;

namespace EdcKg.Neo4j.Graph;

/// <summary>One canonical triple as one relationship of the graph, with its provenance: run, document, chunk and spans.</summary>
public sealed record RelationshipRow(
    string Type,
    string Relation,
    string Subject,
    string SubjectKey,
    string Object,
    string ObjectKey,
    string RunId,
    string DocumentId,
    int DocumentIndex,
    int Iteration,
    string OpenRelation,
    string Decision,
    float? Score)
{
    /// <summary>The graph the relationship belongs to (the run's id unless named otherwise).</summary>
    public string Graph { get; init; } = RunId;

    /// <summary>Where the triple was first read (chunk and spans); null when the run did not record chunks.</summary>
    public TripleOccurrence? FirstOccurrence { get; init; }

    /// <summary>The indexes of every chunk the triple was read in.</summary>
    public IReadOnlyList<int> Chunks { get; init; } = [];

    /// <summary>Whether it came from an answer cut off at the token limit.</summary>
    public bool Truncated { get; init; }

    /// <summary>The row of a canonical triple, or null when its subject or object has no characters to key on.</summary>
    public static RelationshipRow? From(string runId, CanonicalTriple triple, string? graph = null)
    {
        // A resolved name is its entity's node; the others keep the node of their name.
        var subjectKey = triple.SubjectId is { } subjectId ? ResolvedEntityRows.Key(runId, subjectId) : GraphNames.EntityKey(triple.Triple.Subject);
        var objectKey = triple.ObjectId is { } objectId ? ResolvedEntityRows.Key(runId, objectId) : GraphNames.EntityKey(triple.Triple.Object);
        if (subjectKey.Length == 0 || objectKey.Length == 0)
        {
            return null;
        }

        return new RelationshipRow(
            GraphNames.RelationshipType(triple.Triple.Relation),
            triple.Triple.Relation,
            triple.Triple.Subject.Trim(),
            subjectKey,
            triple.Triple.Object.Trim(),
            objectKey,
            runId,
            triple.DocumentId,
            triple.DocumentIndex,
            triple.Iteration,
            triple.OpenRelation,
            triple.Decision.ToString(),
            triple.Score)
        {
            Graph = graph ?? runId,
            FirstOccurrence = triple.Occurrences.Count > 0 ? triple.Occurrences[0] : null,
            Chunks = triple.Occurrences.Select(o => o.ChunkIndex).Distinct().ToList(),
            Truncated = triple.Truncated,
        };
    }

    /// <summary>What makes two rows the same relationship: exporting one twice must not add a second.</summary>
    public (string SubjectKey, string Relation, string ObjectKey, string Graph, string DocumentId, int Iteration) Identity =>
        (SubjectKey, Relation, ObjectKey, Graph, DocumentId, Iteration);

    /// <summary>The row as a Cypher parameter map.</summary>
    public IReadOnlyDictionary<string, object?> ToParameters() => new Dictionary<string, object?>
    {
        ["subject"] = Subject,
        ["subjectKey"] = SubjectKey,
        ["object"] = Object,
        ["objectKey"] = ObjectKey,
        ["relation"] = Relation,
        ["graph"] = Graph,
        ["runId"] = RunId,
        ["documentId"] = DocumentId,
        ["documentIndex"] = DocumentIndex,
        ["iteration"] = Iteration,
        ["openRelation"] = OpenRelation,
        ["decision"] = Decision,
        ["score"] = Score,
        ["chunk"] = FirstOccurrence?.ChunkIndex,
        ["chunkStart"] = FirstOccurrence?.ChunkStart,
        ["chunkEnd"] = FirstOccurrence?.ChunkEnd,
        ["chunks"] = FirstOccurrence is null ? null : Chunks.ToList(),
        ["subjectStart"] = FirstOccurrence?.SubjectSpan?.Start,
        ["subjectEnd"] = FirstOccurrence?.SubjectSpan?.End,
        ["objectStart"] = FirstOccurrence?.ObjectSpan?.Start,
        ["objectEnd"] = FirstOccurrence?.ObjectSpan?.End,
        ["truncated"] = Truncated,
    };

    /// <summary>
    /// The rows of <see cref="GraphStatements.Mentions"/> for this triple: each chunk it was read in, with the span of
    /// its subject and of its object where the chunk's text holds one.
    /// </summary>
    public static IEnumerable<IReadOnlyDictionary<string, object?>> MentionRows(string graph, string runId, CanonicalTriple triple)
    {
        foreach (var occurrence in triple.Occurrences)
        {
            var chunkId = Chunk.IdOf(triple.DocumentId, occurrence.ChunkIndex, occurrence.ChunkStart, occurrence.ChunkEnd);
            foreach (var (name, id, span) in new[] { (triple.Triple.Subject, triple.SubjectId, occurrence.SubjectSpan), (triple.Triple.Object, triple.ObjectId, occurrence.ObjectSpan) })
            {
                // The node the relationship links: a resolved entity's, else the name's.
                var key = id is not null ? ResolvedEntityRows.Key(runId, id) : GraphNames.EntityKey(name);
                if (span is { } found && key.Length > 0)
                {
                    yield return new Dictionary<string, object?> { ["graph"] = graph, ["chunkId"] = chunkId, ["key"] = key, ["start"] = found.Start, ["end"] = found.End };
                }
            }
        }
    }
}
