using EdcKg.Core.Domain;
using EdcKg.Core.Inputs;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using EdcKg.Neo4j.Graph;
using EdcKg.Neo4j.QueryApi;
using Microsoft.Extensions.Logging;
using TestModels;

namespace EdcKg.Neo4j.Tests;

public sealed class Neo4jTripleSinkTests
{
    private static readonly Dictionary<ModelRole, string> Models = new()
    {
        [ModelRole.OpenExtraction] = "scripted", [ModelRole.SchemaDefinition] = "scripted", [ModelRole.SchemaCanonicalization] = "scripted", [ModelRole.EntityExtraction] = "scripted", [ModelRole.CanonicalizationEmbedder] = "hashing-64", [ModelRole.SchemaRetrieverEmbedder] = "hashing-64",
    };

    private static Neo4jSettings Settings(Uri uri, int batchSize = 3, int retries = 3) =>
        new(uri, "neo4j", "neo4j", "secret") { BatchSize = batchSize, MaxRetries = retries, InitialBackoff = TimeSpan.FromMilliseconds(1) };

    [Fact]
    public async Task A_run_with_the_sink_leaves_the_same_graph_as_exporting_it_afterwards()
    {
        await using var server = new LoopbackQueryApiServer();
        using var http = new HttpClient();
        var client = new QueryApiClient(http, Settings(server.Uri, batchSize: 2));
        using var temp = RepositoryPaths.TempDirectory();
        var output = Path.Combine(temp, "run");
        await using var sink = new Neo4jTripleSink(client, "will-be-replaced", new ListLogger());

        await RunPipelineAsync(output, sink, refinementIterations: 1);

        var snapshot = await RunSnapshotReader.ReadAsync(output);
        Assert.Null(sink.Failure);
        Assert.NotEmpty(snapshot.Triples);
        Assert.Equal(snapshot.Documents.Count, sink.DocumentsWritten);
        Assert.All(snapshot.Triples, t => Assert.Equal(1, t.Iteration));
        Assert.Equal(snapshot.Triples.Count, server.TripleRelationships);
        Assert.Equal(server.Relationships, sink.Counters.RelationshipsCreated);
        var again = await new GraphWriter(client).WriteSnapshotAsync(snapshot with { RunId = "will-be-replaced" });
        Assert.Equal(0, again.RelationshipsCreated);
        Assert.Equal(0, again.NodesCreated);
    }

    [Fact]
    public async Task Refining_a_written_run_leaves_only_the_final_iterations_relationships()
    {
        await using var server = new LoopbackQueryApiServer();
        using var http = new HttpClient();
        var client = new QueryApiClient(http, Settings(server.Uri, batchSize: 2));
        using var temp = RepositoryPaths.TempDirectory();
        var output = Path.Combine(temp, "run");
        var runId = RunIdOf(output);
        await using (var sink = new Neo4jTripleSink(client, runId))
        {
            await RunPipelineAsync(output, sink, refinementIterations: 0);
        }

        var written = server.TripleRelationships;
        await using var refiningSink = new Neo4jTripleSink(client, runId);
        await RunPipelineAsync(output, refiningSink, refinementIterations: 1);

        var snapshot = await RunSnapshotReader.ReadAsync(output);
        Assert.Null(refiningSink.Failure);
        Assert.True(written > 0);
        Assert.All(snapshot.Triples, t => Assert.Equal(1, t.Iteration));
        Assert.Equal(snapshot.Triples.Count, server.TripleRelationships);
        Assert.Equal(written, refiningSink.Counters.RelationshipsDeleted);
    }

    [Fact]
    public async Task Documents_done_before_a_resume_are_written_when_the_run_completes()
    {
        await using var server = new LoopbackQueryApiServer();
        using var http = new HttpClient();
        await using var sink = new Neo4jTripleSink(new QueryApiClient(http, Settings(server.Uri)), "run-1");
        var snapshot = Snapshots.Small();

        // Only document 1 finishes during this (resumed) run; document 0 was done before.
        await sink.AddAsync(snapshot.Documents[1], snapshot.Triples.Where(t => t.DocumentIndex == 1).ToList(), CancellationToken.None);
        await sink.CompleteAsync(snapshot, CancellationToken.None);

        Assert.Null(sink.Failure);
        Assert.Equal(2, sink.DocumentsWritten);
        Assert.Equal(5, server.Relationships);
        Assert.Equal(6 + 2 + 3, server.Nodes);
    }

    [Fact]
    public async Task When_neo4j_is_down_the_run_completes_and_a_warning_says_how_to_export_later()
    {
        // Bound but never listening: connections are refused, and no other process can take the port meanwhile.
        using var closed = TestModels.LoopbackHttpServer.ClosedPort(out var port);

        using var http = new HttpClient();
        var logger = new ListLogger();
        using var temp = RepositoryPaths.TempDirectory();
        var output = Path.Combine(temp, "run");
        await using var sink = new Neo4jTripleSink(new QueryApiClient(http, Settings(new Uri($"http://127.0.0.1:{port}"), retries: 1)), "r", logger);

        var summary = await RunPipelineAsync(output, sink, refinementIterations: 0);

        Assert.True(summary.CanonicalTriples > 0);
        Assert.True(File.Exists(Path.Combine(output, "iter0", "canon_kg.txt")));
        Assert.NotNull(sink.Failure);
        Assert.Equal(0, sink.DocumentsWritten);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("edckg export neo4j", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failure_part_way_stops_writing_without_failing_and_names_how_far_it_got()
    {
        await using var server = new LoopbackQueryApiServer();
        using var http = new HttpClient();
        var logger = new ListLogger();
        await using var sink = new Neo4jTripleSink(new QueryApiClient(http, Settings(server.Uri, batchSize: 100, retries: 0)), "run-1", logger);
        var snapshot = Snapshots.Small();
        await sink.AddAsync(snapshot.Documents[0], snapshot.Triples.Where(t => t.DocumentIndex == 0).ToList(), CancellationToken.None);
        while (sink.DocumentsWritten == 0 && sink.Failure is null)
        {
            await Task.Delay(10);
        }

        server.FailNext(_ => (400, LoopbackQueryApiServer.Errors("Neo.ClientError.Statement.SyntaxError", "bad")));
        await sink.AddAsync(snapshot.Documents[1], snapshot.Triples.Where(t => t.DocumentIndex == 1).ToList(), CancellationToken.None);
        await sink.CompleteAsync(snapshot, CancellationToken.None);

        Assert.Equal("Neo.ClientError.Statement.SyntaxError", Assert.IsType<Neo4jQueryException>(sink.Failure).Code);
        Assert.Equal(1, sink.DocumentsWritten);
        Assert.Equal(3, server.Relationships);
        Assert.Contains(logger.Entries, e => e.Message.Contains("1 of 2 documents written", StringComparison.Ordinal));
    }

    private static async Task<RunSummary> RunPipelineAsync(string output, ICanonicalTripleSink sink, int refinementIterations)
    {
        var (corpus, prompts, settings, manifest) = Inputs(output, refinementIterations);
        var chat = new ScriptedChatClient();
        var embedder = new HashingEmbeddingGenerator();
        await using var store = RunStore.Open(output);
        var pipeline = new EdcPipeline(new EdcBackends(chat, chat, chat, embedder, chat, embedder), prompts, settings, store, Models) { TripleSink = sink };
        return await pipeline.RunAsync(corpus, [], manifest, output, CancellationToken.None);
    }

    // The run id the CLI gives its sink: the same for a run and for its refinement.
    private static string RunIdOf(string output) => RunManifest.RunIdOf(Inputs(output, refinementIterations: 0).Manifest);

    private static (IReadOnlyList<Document> Corpus, EdcPrompts Prompts, EdcSettings Settings, Dictionary<string, string> Manifest) Inputs(string output, int refinementIterations)
    {
        var folder = Path.GetDirectoryName(output)!;
        var corpusPath = Path.Combine(folder, "corpus.txt");
        File.WriteAllText(corpusPath, "Alice works_for Acme. Acme located_in Paris.\nBob works_for Initech. Bob born_in Lyon.\nCarol employed_by Globex. Globex located_in Berlin.\n");
        var settings = new EdcSettings { RefinementIterations = refinementIterations };
        var corpus = CorpusReader.Read(corpusPath);
        var prompts = EdcPrompts.Load(new PromptSources(Path.Combine(RepositoryPaths.Prompts, "templates"), Path.Combine(RepositoryPaths.Prompts, "few_shot")), refinementIterations > 0);
        return (corpus, prompts, settings, RunManifest.Create(corpus, [], prompts, settings, Models));
    }
}
