using EdcKg.Core.Chunking;
using EdcKg.Core.Domain;
using EdcKg.Neo4j.Graph;
using EdcKg.Neo4j.QueryApi;

namespace EdcKg.Neo4j.Tests;

/// <summary>Named graphs that do not mix, chunk nodes, and triples tied to the chunks and spans they were read in.</summary>
public sealed class GraphsAndChunksTests
{
    private static Neo4jSettings Settings(Uri uri) => new(uri, "neo4j", "neo4j", "secret") { InitialBackoff = TimeSpan.FromMilliseconds(1) };

    [Fact]
    public async Task TwoCorporaWithTheSameDocumentIds_InOneDatabase_KeepTheirOwnDocumentsChunksRelationsAndRelationships()
    {
        await using var server = new LoopbackQueryApiServer();
        using var http = new HttpClient();
        var writer = new GraphWriter(new QueryApiClient(http, Settings(server.Uri)));

        await writer.WriteSnapshotAsync(Chunked("run-a", "Ada Lovelace wrote programs."));
        var second = await writer.WriteSnapshotAsync(Chunked("run-b", "Ada Lovelace wrote programs."));

        // The same text and ids in another graph: entities are shared, but its document, chunk and relation are new
        // nodes, and its relationship, HAS_CHUNK and two MENTIONS are new relationships.
        Assert.Equal(3, second.NodesCreated);
        Assert.Equal(4, second.RelationshipsCreated);
        Assert.Equal(2, server.Entities);
        Assert.Equal(2 + (2 * 3), server.Nodes);
        Assert.Equal(2 * 4, server.Relationships);
    }

    [Fact]
    public void Statements_WriteChunks_ThenRelationshipsWithChunkAndSpans_ThenMentions()
    {
        var snapshot = Chunked("run-a", "Ada Lovelace wrote programs.");

        var statements = GraphWriter.Statements(GraphBatch.Of(snapshot, "corpus-x"), 100, out _);

        Assert.Equal([GraphStatements.Documents(), GraphStatements.Chunks(), GraphStatements.Relations(), GraphStatements.Relationships("WROTE"), GraphStatements.Mentions()], statements.Select(s => s.Text));
        var chunk = Row(statements[1]);
        Assert.Equal(("corpus-x", "0", "0#0@0-28", 0, 0, 28, "Ada Lovelace wrote programs."), ((string)chunk["graph"]!, (string)chunk["documentId"]!, (string)chunk["id"]!, (int)chunk["index"]!, (int)chunk["start"]!, (int)chunk["end"]!, (string)chunk["text"]!));
        var relationship = Row(statements[3]);
        Assert.Equal("corpus-x", relationship["graph"]);
        Assert.Equal("run-a", relationship["runId"]);
        Assert.Equal((0, 0, 28), ((int?)relationship["chunk"], (int?)relationship["chunkStart"], (int?)relationship["chunkEnd"]));
        Assert.Equal((0, 12, 19, 27), ((int?)relationship["subjectStart"], (int?)relationship["subjectEnd"], (int?)relationship["objectStart"], (int?)relationship["objectEnd"]));
        Assert.Equal([0], (IEnumerable<int>)relationship["chunks"]!);
        var mentions = ((IReadOnlyList<IReadOnlyDictionary<string, object?>>)statements[4].Parameters!["rows"]!).Select(r => ((string)r["key"]!, (int)r["start"]!, (int)r["end"]!));
        Assert.Equal([("ada lovelace", 0, 12), ("programs", 19, 27)], mentions);
    }

    [Fact]
    public async Task WritingADatabaseOfTheEarlierModel_DropsItsConstraintsOnIdsAlone()
    {
        await using var server = new LoopbackQueryApiServer();
        using var http = new HttpClient();
        var client = new QueryApiClient(http, Settings(server.Uri));
        await client.RunAsync(new CypherStatement("CREATE CONSTRAINT edckg_document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE"));
        await client.RunAsync(new CypherStatement("CREATE CONSTRAINT edckg_relation_name IF NOT EXISTS FOR (r:Relation) REQUIRE r.name IS UNIQUE"));

        await new GraphWriter(client).EnsureSchemaAsync();

        // Two old constraints and four new ones would be six: the two on ids alone are gone.
        Assert.Equal(4, server.Constraints);
    }

    private static IReadOnlyDictionary<string, object?> Row(CypherStatement statement)
        => ((IReadOnlyList<IReadOnlyDictionary<string, object?>>)statement.Parameters!["rows"]!)[0];

    private static RunSnapshot Chunked(string runId, string text)
    {
        var document = new Document(0, "0", text);
        var chunk = new Chunk(0, "0", 0, 0, text.Length, text);
        var triple = new Triple("Ada Lovelace", "wrote", text.Split(' ')[^1].TrimEnd('.'));
        var canonical = new CanonicalTriple("0", 0, 0, triple, "wrote", DecisionKind.AddedToSchema, null) { Occurrences = [TripleOccurrence.In(chunk, triple)] };
        return new RunSnapshot(runId, [document], [new SchemaRelation("wrote", "The subject wrote the object.", RelationOrigin.Induced)], [canonical]) { Chunks = [chunk] };
    }
}
