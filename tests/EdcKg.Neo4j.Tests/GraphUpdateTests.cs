using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using EdcKg.Neo4j.Graph;
using EdcKg.Neo4j.QueryApi;
using TestModels;

namespace EdcKg.Neo4j.Tests;

/// <summary>An update of a run (<c>--update</c>) keeps its Neo4j graph in step: the stale parts go, the new ones come.</summary>
public sealed class GraphUpdateTests
{
    private static readonly Dictionary<ModelRole, string> Models = new()
    {
        [ModelRole.OpenExtraction] = "scripted", [ModelRole.SchemaDefinition] = "scripted", [ModelRole.SchemaCanonicalization] = "scripted", [ModelRole.CanonicalizationEmbedder] = "hashing-64",
    };

    private static readonly IReadOnlyList<Document> Before =
    [
        new(0, "a.txt", "Alice works_for Acme. Acme located_in Paris."),
        new(1, "b.txt", "Bob works_for Initech. Bob born_in Lyon."),
        new(2, "c.txt", "Carol works_for Globex. Globex located_in Berlin."),
    ];

    private static readonly IReadOnlyList<Document> After =
    [
        new(0, "a.txt", "Alice works_for Acme. Acme located_in Paris."),
        new(1, "b.txt", "Bob works_for Umbrella. Bob born_in Nice."),
        new(2, "d.txt", "Dave works_for Hooli. Hooli located_in Oslo."),
    ];

    [Fact]
    public async Task An_update_leaves_the_graph_a_fresh_run_of_the_new_corpus_writes()
    {
        using var folder = new TempFolder();
        await using var server = new LoopbackQueryApiServer();
        using var http = new HttpClient();
        var client = new QueryApiClient(http, Settings(server.Uri));
        var output = folder.Combine("run");
        await RunAsync(Before, output, client, update: false);
        Assert.Contains(server.Snapshot(), n => n.Contains("initech", StringComparison.OrdinalIgnoreCase));

        await RunAsync(After, output, client, update: true);

        await using var freshServer = new LoopbackQueryApiServer();
        using var freshHttp = new HttpClient();
        await RunAsync(After, folder.Combine("fresh"), new QueryApiClient(freshHttp, Settings(freshServer.Uri)), update: false);
        Assert.Equal(freshServer.Snapshot(), server.Snapshot());
        Assert.DoesNotContain(server.Snapshot(), n => n.Contains("initech", StringComparison.OrdinalIgnoreCase) || n.Contains("c.txt", StringComparison.Ordinal));
    }

    [Fact]
    public void Retiring_documents_deletes_their_relationships_then_their_nodes_then_orphan_entities()
    {
        var statements = GraphWriter.RetireStatements("g1", ["b.txt", "c.txt", "e.txt"], batchSize: 2);
        Assert.Equal(
            [GraphStatements.RetiredRelationships(), GraphStatements.RetiredDocuments(), GraphStatements.RetiredRelationships(), GraphStatements.RetiredDocuments(), GraphStatements.OrphanEntities],
            statements.Select(s => s.Text));
        var rows = (IReadOnlyList<IReadOnlyDictionary<string, object?>>)statements[0].Parameters!["rows"]!;
        Assert.Equal(["b.txt", "c.txt"], rows.Select(r => (string)r["id"]!));
        Assert.All(rows, r => Assert.Equal("g1", r["graph"]));
    }

    private static Neo4jSettings Settings(Uri uri) =>
        new(uri, "neo4j", "neo4j", "secret") { BatchSize = 2, MaxRetries = 3, InitialBackoff = TimeSpan.FromMilliseconds(1) };

    private static async Task RunAsync(IReadOnlyList<Document> corpus, string output, QueryApiClient client, bool update)
    {
        var settings = new EdcSettings();
        var prompts = EdcPrompts.Load(new PromptSources(Path.Combine(RepositoryPaths.Prompts, "templates"), Path.Combine(RepositoryPaths.Prompts, "few_shot")), refinement: false);
        var chat = new ScriptedChatClient();
        var embedder = new HashingEmbeddingGenerator();
        await using var store = RunStore.Open(output);
        // Both runs write into one graph name, as an update keeps its run's graph.
        await using var sink = new Neo4jTripleSink(client, "run", graph: "g1");
        var pipeline = new EdcPipeline(new EdcBackends(chat, chat, chat, embedder), prompts, settings, store, Models) { TripleSink = sink, Update = update };
        await pipeline.RunAsync(corpus, [], RunManifest.Create(corpus, [], prompts, settings, Models), output, CancellationToken.None);
        Assert.Null(sink.Failure);
    }
}
