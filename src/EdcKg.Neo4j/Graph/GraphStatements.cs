using EdcKg.Core.Chunking;
using EdcKg.Core.Domain;

namespace EdcKg.Neo4j.Graph;

/// <summary>
/// The Cypher of the graph model, MERGE-only so that running it twice changes nothing. Every data statement reads
/// its rows from one list expression: <c>$rows</c> over the Query API, a literal list in a cypher-shell script.
/// </summary>
public static class GraphStatements
{
    /// <summary>
    /// The schema: uniqueness constraints (which also index the MERGE keys), created only when missing. Documents,
    /// chunks and schema relations are unique within a graph (<c>graph</c>: the run's id or <c>--neo4j-graph</c>), so two
    /// corpora in one database never share them; entities are shared. The first two statements migrate a database
    /// written before graphs had names: its constraints on a document id and a relation name alone are dropped.
    /// </summary>
    public static IReadOnlyList<string> Constraints { get; } =
    [
        "DROP CONSTRAINT edckg_document_id IF EXISTS",
        "DROP CONSTRAINT edckg_relation_name IF EXISTS",
        "CREATE CONSTRAINT edckg_entity_key IF NOT EXISTS FOR (e:Entity) REQUIRE e.key IS UNIQUE",
        "CREATE CONSTRAINT edckg_document_graph_id IF NOT EXISTS FOR (d:Document) REQUIRE (d.graph, d.id) IS UNIQUE",
        "CREATE CONSTRAINT edckg_chunk_graph_id IF NOT EXISTS FOR (c:Chunk) REQUIRE (c.graph, c.id) IS UNIQUE",
        "CREATE CONSTRAINT edckg_relation_graph_name IF NOT EXISTS FOR (r:Relation) REQUIRE (r.graph, r.name) IS UNIQUE",
    ];

    /// <summary>Merges <c>(:Document {graph, id})</c> nodes from rows of <c>{graph, id, index, source, text}</c>.</summary>
    public static string Documents(string rows = "$rows") =>
        $"UNWIND {rows} AS row MERGE (d:Document {{graph: row.graph, id: row.id}}) SET d.index = row.index, d.source = row.source, d.text = row.text";

    /// <summary>
    /// Merges <c>(:Document)-[:HAS_CHUNK]->(:Chunk {graph, id})</c> from rows of
    /// <c>{graph, documentId, id, index, start, end, text}</c> (ranges in code points of the document's text).
    /// </summary>
    public static string Chunks(string rows = "$rows") =>
        $"UNWIND {rows} AS row MATCH (d:Document {{graph: row.graph, id: row.documentId}}) "
        + "MERGE (c:Chunk {graph: row.graph, id: row.id}) SET c.documentId = row.documentId, c.index = row.index, c.start = row.start, c.end = row.end, c.text = row.text "
        + "MERGE (d)-[:HAS_CHUNK]->(c)";

    /// <summary>Merges <c>(:Relation {graph, name})</c> schema nodes from rows of <c>{graph, name, definition, origin}</c>.</summary>
    public static string Relations(string rows = "$rows") =>
        $"UNWIND {rows} AS row MERGE (r:Relation {{graph: row.graph, name: row.name}}) ON CREATE SET r.definition = row.definition, r.origin = row.origin";

    /// <summary>
    /// Merges both entities and one relationship of type <paramref name="type"/> per row of
    /// <see cref="RelationshipRow.ToParameters"/>; the relationship is identified by its graph, document, iteration and
    /// original relation name between the two entity keys, and carries its run, chunk and spans.
    /// </summary>
    public static string Relationships(string type, string rows = "$rows") =>
        $"UNWIND {rows} AS row "
        + "MERGE (s:Entity {key: row.subjectKey}) ON CREATE SET s.name = row.subject "
        + "MERGE (o:Entity {key: row.objectKey}) ON CREATE SET o.name = row.object "
        + $"MERGE (s)-[r:{Quote(type)} {{graph: row.graph, documentId: row.documentId, iteration: row.iteration, relation: row.relation}}]->(o) "
        + "ON CREATE SET r.runId = row.runId, r.documentIndex = row.documentIndex, r.openRelation = row.openRelation, r.decision = row.decision, r.score = row.score, "
        + "r.chunk = row.chunk, r.chunkStart = row.chunkStart, r.chunkEnd = row.chunkEnd, r.chunks = row.chunks, "
        + "r.subjectStart = row.subjectStart, r.subjectEnd = row.subjectEnd, r.objectStart = row.objectStart, r.objectEnd = row.objectEnd, r.truncated = row.truncated";

    /// <summary>
    /// Merges <c>(:Chunk)-[:MENTIONS {start, end}]->(:Entity)</c> from rows of <c>{graph, chunkId, key, start, end}</c>:
    /// the chunks where an entity's name was found, with the span of the first mention.
    /// </summary>
    public static string Mentions(string rows = "$rows") =>
        $"UNWIND {rows} AS row MATCH (c:Chunk {{graph: row.graph, id: row.chunkId}}) MATCH (e:Entity {{key: row.key}}) "
        + "MERGE (c)-[m:MENTIONS]->(e) ON CREATE SET m.start = row.start, m.end = row.end";

    /// <summary>
    /// Deletes, for rows of <c>{graph, documentId, iteration, subjectKeys}</c>, the graph's relationships of that
    /// document from earlier iterations (left by a write made before the run was refined further). The match starts
    /// from the subjects' entity nodes, found through the unique key's index, so it touches only their relationships.
    /// </summary>
    public static string SupersededRelationships(string rows = "$rows") =>
        $"UNWIND {rows} AS row UNWIND row.subjectKeys AS key "
        + "MATCH (:Entity {key: key})-[r {graph: row.graph, documentId: row.documentId}]->(:Entity) "
        + "WHERE r.iteration < row.iteration DELETE r";

    /// <summary>
    /// Deletes, for rows of <c>{graph, documentId, iteration, subjectKeys, keep}</c>, the graph's relationships of a
    /// corrected document's final iteration that are not in <c>keep</c> (see <see cref="CorrectedIdentity"/>): what a
    /// reviewer's correction replaced or dropped, or what an undone correction had made. Starts from the subjects'
    /// entity nodes, like <see cref="SupersededRelationships"/>.
    /// </summary>
    public static string CorrectedRelationships(string rows = "$rows") =>
        $"UNWIND {rows} AS row UNWIND row.subjectKeys AS key "
        + "MATCH (:Entity {key: key})-[r {graph: row.graph, documentId: row.documentId, iteration: row.iteration}]->(o:Entity) "
        + "WHERE NOT (key + '|' + r.relation + '|' + o.key) IN row.keep DELETE r";

    /// <summary>How <see cref="CorrectedRelationships"/> names a relationship to keep: subject key, relation, object key.</summary>
    public static string CorrectedIdentity(string subjectKey, string relation, string objectKey) => subjectKey + "|" + relation + "|" + objectKey;

    /// <summary>
    /// Deletes, for rows of <c>{graph, id}</c>, every relationship of the graph read from that document (an update
    /// retires a changed or removed document). Deleting what is gone already matches nothing, so a repeat is safe.
    /// </summary>
    public static string RetiredRelationships(string rows = "$rows") =>
        $"UNWIND {rows} AS row MATCH (:Entity)-[r {{graph: row.graph, documentId: row.id}}]->(:Entity) DELETE r";

    /// <summary>Deletes, for rows of <c>{graph, id}</c>, the graph's document node with its chunks (and their mentions).</summary>
    public static string RetiredDocuments(string rows = "$rows") =>
        $"UNWIND {rows} AS row MATCH (d:Document {{graph: row.graph, id: row.id}}) OPTIONAL MATCH (d)-[:HAS_CHUNK]->(c:Chunk) DETACH DELETE c, d";

    /// <summary>Deletes the entities left with no relationship at all (after documents were retired).</summary>
    public static string OrphanEntities { get; } = "MATCH (e:Entity) WHERE NOT EXISTS { (e)--() } DELETE e";

    /// <summary>A document of graph <paramref name="graph"/> as a row of <see cref="Documents"/>.</summary>
    public static IReadOnlyDictionary<string, object?> DocumentRow(string graph, Document document) =>
        new Dictionary<string, object?> { ["graph"] = graph, ["id"] = document.Id, ["index"] = document.Index, ["source"] = document.Source, ["text"] = document.Text };

    /// <summary>A chunk of graph <paramref name="graph"/> as a row of <see cref="Chunks"/>.</summary>
    public static IReadOnlyDictionary<string, object?> ChunkRow(string graph, Chunk chunk) =>
        new Dictionary<string, object?>
        {
            ["graph"] = graph, ["documentId"] = chunk.DocumentId, ["id"] = chunk.Id, ["index"] = chunk.Index,
            ["start"] = chunk.Start, ["end"] = chunk.End, ["text"] = chunk.Text,
        };

    /// <summary>A schema relation of graph <paramref name="graph"/> as a row of <see cref="Relations"/>.</summary>
    public static IReadOnlyDictionary<string, object?> RelationRow(string graph, SchemaRelation relation) =>
        new Dictionary<string, object?> { ["graph"] = graph, ["name"] = relation.Name, ["definition"] = relation.Definition, ["origin"] = relation.Origin.ToString() };

    /// <summary>A name in backticks, any backtick doubled, so that it can never end the quoted name early.</summary>
    public static string Quote(string name) => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";
}
