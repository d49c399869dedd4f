using EdcKg.Core.Domain;

namespace EdcKg.Neo4j.Graph;

/// <summary>One canonical triple as one relationship of the graph, with its provenance.</summary>
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
    /// <summary>The row of a canonical triple, or null when its subject or object has no characters to key on.</summary>
    public static RelationshipRow? From(string runId, CanonicalTriple triple)
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
            triple.Score);
    }

    /// <summary>What makes two rows the same relationship: exporting one twice must not add a second.</summary>
    public (string SubjectKey, string Relation, string ObjectKey, string RunId, string DocumentId, int Iteration) Identity =>
        (SubjectKey, Relation, ObjectKey, RunId, DocumentId, Iteration);

    /// <summary>The row as a Cypher parameter map.</summary>
    public IReadOnlyDictionary<string, object?> ToParameters() => new Dictionary<string, object?>
    {
        ["subject"] = Subject,
        ["subjectKey"] = SubjectKey,
        ["object"] = Object,
        ["objectKey"] = ObjectKey,
        ["relation"] = Relation,
        ["runId"] = RunId,
        ["documentId"] = DocumentId,
        ["documentIndex"] = DocumentIndex,
        ["iteration"] = Iteration,
        ["openRelation"] = OpenRelation,
        ["decision"] = Decision,
        ["score"] = Score,
    };
}
