using EdcKg.Core.Domain;
using EdcKg.Neo4j.Graph;
using EdcKg.Neo4j.QueryApi;

namespace EdcKg.Neo4j.Tests;

/// <summary>The graph writer over the Query API: batching, provenance and idempotency, on hand-made and real data.</summary>
public sealed class GraphWriterTests
{
    private static Neo4jSettings Settings(Uri uri, int batchSize = 1000) =>
        new(uri, "neo4j", "neo4j", "secret") { BatchSize = batchSize, InitialBackoff = TimeSpan.FromMilliseconds(1) };

    [Fact]
    public async Task Writing_a_run_creates_constraints_entities_documents_relations_and_one_relationship_per_triple()
    {
        await using var server = new LoopbackQueryApiServer();
        using var http = new HttpClient();
        var writer = new GraphWriter(new QueryApiClient(http, Settings(server.Uri)));

        var counters = await writer.WriteSnapshotAsync(Snapshots.Small());

        Assert.Equal(4, server.Constraints);
        // "Marie Curie", "Marie  Curie" and "marie curie" are one entity.
        Assert.Equal(6, server.Entities);
        Assert.Equal(6 + 2 + 3, server.Nodes);
        Assert.Equal(5, server.Relationships);
        Assert.Equal(["AWARD_RECEIVED", "COUNTRY", "PLACE_OF_BIRTH"], server.RelationshipTypes.Order());
        Assert.Equal(11, counters.NodesCreated);
        Assert.Equal(5, counters.RelationshipsCreated);
        Assert.Equal(4, counters.ConstraintsAdded);
    }

    [Fact]
    public async Task Writing_the_same_run_twice_changes_nothing_the_second_time()
    {
        await using var server = new LoopbackQueryApiServer();
        using var http = new HttpClient();
        var writer = new GraphWriter(new QueryApiClient(http, Settings(server.Uri, batchSize: 2)));
        await writer.WriteSnapshotAsync(Snapshots.Small());
        var (nodes, relationships) = (server.Nodes, server.Relationships);

        var again = await writer.WriteSnapshotAsync(Snapshots.Small());

        Assert.Equal(QueryCounters.None, again);
        Assert.Equal(nodes, server.Nodes);
        Assert.Equal(relationships, server.Relationships);
    }

    [Fact]
    public async Task A_later_iteration_of_a_document_replaces_what_an_earlier_export_wrote_for_it()
    {
        await using var server = new LoopbackQueryApiServer();
        using var http = new HttpClient();
        var writer = new GraphWriter(new QueryApiClient(http, Settings(server.Uri, batchSize: 2)));
        var first = Snapshots.Small();
        await writer.WriteSnapshotAsync(first);

        // Refined: doc-0 now has one triple from iteration 1; doc-1 has none at all in iteration 1.
        var refined = first with
        {
            Triples = [new CanonicalTriple("doc-0", 0, 1, new Triple("Marie Curie", "award received", "Nobel Prize in Physics"), "won", DecisionKind.Aligned, 0.9f)],
            Superseded =
            [
                new SupersededTriples("doc-0", 0, 1, ["Marie Curie", "Marie  Curie", "marie curie"]),
                new SupersededTriples("doc-1", 1, 1, ["Hoče–Slivnica", "Slovenia"]),
            ],
        };
        var counters = await writer.WriteSnapshotAsync(refined);
        var again = await writer.WriteSnapshotAsync(refined);

        Assert.Equal(1, server.Relationships);
        Assert.Equal(1, counters.RelationshipsCreated);
        Assert.Equal(5, counters.RelationshipsDeleted);
        Assert.Equal(QueryCounters.None, again);
    }

    [Fact]
    public async Task Real_rebel_output_is_written_once_per_distinct_triple_and_idempotently()
    {
        var snapshot = Snapshots.RealRebel();
        await using var server = new LoopbackQueryApiServer();
        using var http = new HttpClient();
        var writer = new GraphWriter(new QueryApiClient(http, Settings(server.Uri, batchSize: 250)));

        var first = await writer.WriteSnapshotAsync(snapshot);
        var second = await writer.WriteSnapshotAsync(snapshot);

        var rows = snapshot.Triples.Select(t => RelationshipRow.From(snapshot.RunId, t)).OfType<RelationshipRow>().ToList();
        var entities = rows.SelectMany(r => new[] { r.SubjectKey, r.ObjectKey }).Distinct().Count();
        var relationships = rows.Select(r => r.Identity).Distinct().Count();
        Assert.True(relationships > 150, $"only {relationships} relationships in the real output");
        Assert.Equal(entities, server.Entities);
        Assert.Equal(relationships, server.Relationships);
        Assert.Equal(relationships, first.RelationshipsCreated);
        Assert.Equal(QueryCounters.None, second);
        Assert.Equal(rows.Select(r => r.Type).Distinct().Count(), server.RelationshipTypes.Count);
    }

    [Fact]
    public async Task A_transient_failure_in_the_middle_of_a_batch_is_retried_without_duplicating_anything()
    {
        await using var server = new LoopbackQueryApiServer();
        using var http = new HttpClient();
        var writer = new GraphWriter(new QueryApiClient(http, Settings(server.Uri, batchSize: 1)));
        await writer.EnsureSchemaAsync();
        // begin, documents, documents, relations...: the fourth request of the first transaction fails.
        server.FailNext(_ => null);
        server.FailNext(_ => null);
        server.FailNext(_ => null);
        server.FailNext(_ => (503, LoopbackQueryApiServer.Errors("Neo.TransientError.General.DatabaseUnavailable", "leader switch")));

        var counters = await writer.WriteAsync(GraphBatch.Of(Snapshots.Small()));

        Assert.Equal(5, server.Relationships);
        Assert.Equal(11, server.Nodes);
        Assert.Equal(5, counters.RelationshipsCreated);
        Assert.Contains(server.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public void Statements_are_merge_only_one_per_relationship_type_and_batch_with_provenance_on_every_row()
    {
        var snapshot = Snapshots.Small();

        var statements = GraphWriter.Statements(GraphBatch.Of(snapshot), batchSize: 2, out var skipped);

        Assert.Equal(0, skipped);
        Assert.All(statements, s => Assert.DoesNotContain("CREATE ", s.Text.Replace("ON CREATE SET", string.Empty, StringComparison.Ordinal)));
        Assert.All(statements, s => Assert.StartsWith("UNWIND $rows AS row MERGE", s.Text));
        Assert.All(statements, s => Assert.InRange(((List<IReadOnlyDictionary<string, object?>>)s.Parameters!["rows"]!).Count, 1, 2));
        var relationshipStatements = statements.Where(s => s.Text.Contains("]->(o)", StringComparison.Ordinal)).ToList();
        // award received ×2 → one statement, country ×2 → one, place of birth ×1 → one.
        Assert.Equal(3, relationshipStatements.Count);
        Assert.Contains(relationshipStatements, s => s.Text.Contains("[r:`PLACE_OF_BIRTH` {", StringComparison.Ordinal));
        var row = ((List<IReadOnlyDictionary<string, object?>>)relationshipStatements.Single(s => s.Text.Contains("PLACE_OF_BIRTH", StringComparison.Ordinal)).Parameters!["rows"]!)[0];
        Assert.Equal("place of birth", row["relation"]);
        Assert.Equal("run-1", row["runId"]);
        Assert.Equal("doc-0", row["documentId"]);
        Assert.Equal(0, row["documentIndex"]);
        Assert.Equal(0, row["iteration"]);
        Assert.Equal("born in", row["openRelation"]);
        Assert.Equal("Aligned", row["decision"]);
        Assert.Equal(0.91f, row["score"]);
        Assert.Equal("marie curie", row["subjectKey"]);
        Assert.Equal("Warsaw, \"Congress Poland\"", row["object"]);
        Assert.Equal(2, statements.Count(s => s.Text.Contains("(d:Document", StringComparison.Ordinal)) + statements.Count(s => s.Text.Contains("(r:Relation", StringComparison.Ordinal)) - 1);
    }

    [Fact]
    public void Triples_without_a_subject_or_object_to_key_on_are_skipped_and_counted()
    {
        var batch = new GraphBatch("r", [], [], [new CanonicalTriple("d", 0, 0, new Triple("  ", "x", "y"), "x", DecisionKind.AddedToSchema, null)]);

        var statements = GraphWriter.Statements(batch, 10, out var skipped);

        Assert.Equal(1, skipped);
        Assert.Empty(statements);
    }
}
