using EdcKg.Core.Domain;

namespace EdcKg.Neo4j.Graph;

/// <summary>
/// The Cypher of the graph model, MERGE-only so that running it twice changes nothing. Every data statement reads
/// its rows from one list expression: <c>$rows</c> over the Query API, a literal list in a cypher-shell script.
/// </summary>
public static class GraphStatements
{
    /// <summary>Uniqueness constraints (which also index the MERGE keys), created only when missing.</summary>
    public static IReadOnlyList<string> Constraints { get; } =
    [
        "CREATE CONSTRAINT edckg_entity_key IF NOT EXISTS FOR (e:Entity) REQUIRE e.key IS UNIQUE",
        "CREATE CONSTRAINT edckg_document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
        "CREATE CONSTRAINT edckg_relation_name IF NOT EXISTS FOR (r:Relation) REQUIRE r.name IS UNIQUE",
    ];

    /// <summary>Merges <c>(:Document {id})</c> nodes from rows of <c>{id, index, text}</c>.</summary>
    public static string Documents(string rows = "$rows") =>
        $"UNWIND {rows} AS row MERGE (d:Document {{id: row.id}}) ON CREATE SET d.index = row.index, d.text = row.text";

    /// <summary>Merges <c>(:Relation {name})</c> schema nodes from rows of <c>{name, definition, origin}</c>.</summary>
    public static string Relations(string rows = "$rows") =>
        $"UNWIND {rows} AS row MERGE (r:Relation {{name: row.name}}) ON CREATE SET r.definition = row.definition, r.origin = row.origin";

    /// <summary>
    /// Merges both entities and one relationship of type <paramref name="type"/> per row of
    /// <see cref="RelationshipRow.ToParameters"/>; the relationship is identified by its run, document, iteration and
    /// original relation name between the two entity keys.
    /// </summary>
    public static string Relationships(string type, string rows = "$rows") =>
        $"UNWIND {rows} AS row "
        + "MERGE (s:Entity {key: row.subjectKey}) ON CREATE SET s.name = row.subject "
        + "MERGE (o:Entity {key: row.objectKey}) ON CREATE SET o.name = row.object "
        + $"MERGE (s)-[r:{Quote(type)} {{runId: row.runId, documentId: row.documentId, iteration: row.iteration, relation: row.relation}}]->(o) "
        + "ON CREATE SET r.documentIndex = row.documentIndex, r.openRelation = row.openRelation, r.decision = row.decision, r.score = row.score";

    /// <summary>
    /// Deletes, for rows of <c>{runId, documentId, iteration, subjectKeys}</c>, the run's relationships of that
    /// document from earlier iterations (left by a write made before the run was refined further). The match starts
    /// from the subjects' entity nodes, found through the unique key's index, so it touches only their relationships.
    /// </summary>
    public static string SupersededRelationships(string rows = "$rows") =>
        $"UNWIND {rows} AS row UNWIND row.subjectKeys AS key "
        + "MATCH (:Entity {key: key})-[r {runId: row.runId, documentId: row.documentId}]->(:Entity) "
        + "WHERE r.iteration < row.iteration DELETE r";

    /// <summary>
    /// Deletes, for rows of <c>{runId, documentId, iteration, subjectKeys, keep}</c>, the run's relationships of a
    /// corrected document's final iteration that are not in <c>keep</c> (see <see cref="CorrectedIdentity"/>): what a
    /// reviewer's correction replaced or dropped, or what an undone correction had made. Starts from the subjects'
    /// entity nodes, like <see cref="SupersededRelationships"/>.
    /// </summary>
    public static string CorrectedRelationships(string rows = "$rows") =>
        $"UNWIND {rows} AS row UNWIND row.subjectKeys AS key "
        + "MATCH (:Entity {key: key})-[r {runId: row.runId, documentId: row.documentId, iteration: row.iteration}]->(o:Entity) "
        + "WHERE NOT (key + '|' + r.relation + '|' + o.key) IN row.keep DELETE r";

    /// <summary>How <see cref="CorrectedRelationships"/> names a relationship to keep: subject key, relation, object key.</summary>
    public static string CorrectedIdentity(string subjectKey, string relation, string objectKey) => subjectKey + "|" + relation + "|" + objectKey;

    /// <summary>A document as a row of <see cref="Documents"/>.</summary>
    public static IReadOnlyDictionary<string, object?> DocumentRow(Document document) =>
        new Dictionary<string, object?> { ["id"] = document.Id, ["index"] = document.Index, ["text"] = document.Text };

    /// <summary>A schema relation as a row of <see cref="Relations"/>.</summary>
    public static IReadOnlyDictionary<string, object?> RelationRow(SchemaRelation relation) =>
        new Dictionary<string, object?> { ["name"] = relation.Name, ["definition"] = relation.Definition, ["origin"] = relation.Origin.ToString() };

    /// <summary>A name in backticks, any backtick doubled, so that it can never end the quoted name early.</summary>
    public static string Quote(string name) => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";
}
