using System.Diagnostics;
using System.Text.Json;
using EdcKg.Core.Inputs;
using EdcKg.Core.Parsing;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using TestModels;

namespace EdcKg.Core.Tests.Pipeline;

public sealed class PipelineTests
{
    private static readonly string[] Sentences =
    [
        "Alice works_for Acme. Acme located_in Paris.",
        "Bob works_for Initech. Bob born_in Lyon.",
        "Carol employed_by Globex. Globex located_in Berlin.",
        "Dave born_in Rome. Dave works_for Acme.",
    ];

    private static readonly Dictionary<ModelRole, string> Models = new()
    {
        [ModelRole.OpenExtraction] = "scripted", [ModelRole.SchemaDefinition] = "scripted", [ModelRole.SchemaCanonicalization] = "scripted", [ModelRole.EntityExtraction] = "scripted", [ModelRole.CanonicalizationEmbedder] = "hashing-64", [ModelRole.SchemaRetrieverEmbedder] = "hashing-64",
    };

    [Fact]
    public async Task ARunWritesEdcCompatibleOutputsInCorpusOrder()
    {
        using var folder = TestPaths.TempDirectory();
        var corpus = WriteCorpus(folder, Sentences);
        var schemaPath = Path.Combine(folder, "schema.csv");
        File.WriteAllText(schemaPath, "located in,The subject entity is located_in the place given by the object entity.\nworks for,The subject entity works_for the employer given by the object entity.\n");
        var output = Path.Combine(folder, "out");
        var (summary, _) = await RunAsync(corpus, schemaPath, output, new EdcSettings());

        var lines = File.ReadAllText(Path.Combine(output, "iter0", "canon_kg.txt")).Split('\n');
        Assert.Equal(Sentences.Length, lines.Length);
        Assert.Equal("[['Alice', 'works for', 'Acme'], ['Acme', 'located in', 'Paris']]", lines[0]);
        Assert.Equal(summary.CanonicalTriples, lines.Sum(l => TripleListParser.Parse(l).Triples.Count));

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "iter0", "result_at_each_stage.json")));
        var entries = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(Sentences.Length, entries.Count);
        Assert.Equal(
            ["index", "input_text", "entity_hint", "relation_hint", "oie", "schema_definition", "canonicalization_candidates", "schema_canonicalizaiton"],
            entries[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, entries[1].GetProperty("index").GetInt32());
        Assert.Equal(JsonValueKind.Null, entries[1].GetProperty("schema_canonicalizaiton")[1].ValueKind);

        var provenance = File.ReadAllLines(Path.Combine(output, "iter0", "triples.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(summary.CanonicalTriples, provenance.Count);
        Assert.Equal("works_for", provenance[0].GetProperty("openRelation").GetString());
        Assert.Equal("Aligned", provenance[0].GetProperty("decision").GetString());
    }

    [Fact]
    public async Task WithoutATargetSchemaTheSchemaGrowsAndLaterDocumentsReuseIt()
    {
        using var folder = TestPaths.TempDirectory();
        var output = Path.Combine(folder, "out");
        var (summary, _) = await RunAsync(WriteCorpus(folder, Sentences), null, output, new EdcSettings());
        var snapshot = await RunSnapshotReader.ReadAsync(output);
        Assert.Equal(["works_for", "located_in", "born_in", "employed_by"], snapshot.Relations.Select(r => r.Name));
        Assert.All(snapshot.Relations, r => Assert.Equal(Domain.RelationOrigin.Induced, r.Origin));
        Assert.Equal(8, summary.CanonicalTriples);
        Assert.Equal(8, snapshot.Triples.Count);
        Assert.Contains(snapshot.Triples, t => t.DocumentIndex == 3 && t.Decision == Domain.DecisionKind.AlreadyInSchema);
    }

    [Fact]
    public async Task SpeculativeOrderedCanonicalizationEqualsOneDocumentAtATime()
    {
        using var folder = TestPaths.TempDirectory();
        string[] variants = ["works_for", "WORKS_FOR", "worksFor", "located_in", "Located_In", "locatedin", "born_in", "bornIn"];
        var corpus = WriteCorpus(folder, Enumerable.Range(0, 120)
            .Select(i => $"Entity{i} {variants[(i * 7) % variants.Length]} Thing{i % 5}. Entity{i} rel{i % 37} Other{i % 3}. Entity{i} {variants[i % variants.Length]} Place{i % 4}.")
            .ToArray());
        var one = Path.Combine(folder, "one");
        var many = Path.Combine(folder, "many");
        await RunAsync(corpus, null, one, new EdcSettings { Parallelism = 1 });
        await RunAsync(corpus, null, many, new EdcSettings { Parallelism = 16 });
        AssertSameOutputs(one, many, iterations: 1);
        var schemaOne = (await RunSnapshotReader.ReadAsync(one)).Relations;
        var schemaMany = (await RunSnapshotReader.ReadAsync(many)).Relations;
        Assert.Equal(schemaOne, schemaMany);
        Assert.Contains("\"decision\":\"Aligned\"", File.ReadAllText(Path.Combine(one, "iter0", "triples.jsonl")));
    }

    [Fact]
    public async Task ASecondRunOfTheSameCommandRedoesNothing()
    {
        using var folder = TestPaths.TempDirectory();
        var corpus = WriteCorpus(folder, Sentences);
        var output = Path.Combine(folder, "out");
        var (_, first) = await RunAsync(corpus, null, output, new EdcSettings());
        var before = File.ReadAllText(Path.Combine(output, "iter0", "result_at_each_stage.json"));
        var (_, second) = await RunAsync(corpus, null, output, new EdcSettings());
        Assert.True(first.Calls > 0);
        Assert.Equal(0, second.Calls);
        Assert.Equal(before, File.ReadAllText(Path.Combine(output, "iter0", "result_at_each_stage.json")));
    }

    [Fact]
    public async Task AFolderWithADifferentRunIsNotResumed()
    {
        using var folder = TestPaths.TempDirectory();
        var corpus = WriteCorpus(folder, Sentences);
        var output = Path.Combine(folder, "out");
        await RunAsync(corpus, null, output, new EdcSettings());
        var error = await Assert.ThrowsAsync<RunMismatchException>(() => RunAsync(corpus, null, output, new EdcSettings { CanonicalizationTopK = 3 }));
        Assert.Contains("option.sc_top_k", error.Message);
    }

    [Fact]
    public async Task ACancelledRunResumesToTheSameResults()
    {
        using var folder = TestPaths.TempDirectory();
        var corpus = WriteCorpus(folder, Enumerable.Range(0, 40).Select(i => $"Person{i} works_for Company{i % 7}. Company{i % 7} located_in City{i % 3}.").ToArray());
        var reference = Path.Combine(folder, "reference");
        await RunAsync(corpus, null, reference, new EdcSettings { RefinementIterations = 1 });

        var resumed = Path.Combine(folder, "resumed");
        using var cancel = new CancellationTokenSource();
        var slow = new ScriptedChatClient { Delay = TimeSpan.FromMilliseconds(5) };
        var interrupted = RunAsync(corpus, null, resumed, new EdcSettings { RefinementIterations = 1 }, slow, cancel.Token);
        while (slow.Calls < 150)
        {
            await Task.Delay(5);
        }

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => interrupted);
        await RunAsync(corpus, null, resumed, new EdcSettings { RefinementIterations = 1 });
        AssertSameOutputs(reference, resumed, iterations: 2);
    }

    [Fact]
    public async Task ARunKilledWithSigkillMidStageResumesToTheSameResults()
    {
        using var folder = TestPaths.TempDirectory();
        var corpus = WriteCorpus(folder, Enumerable.Range(0, 60).Select(i => $"Person{i} works_for Company{i % 7}. Company{i % 7} located_in City{i % 3}.").ToArray());
        var reference = Path.Combine(folder, "reference");
        Assert.Contains("done 60", await RunHostAsync(corpus, reference, delayMs: 0, killAt: null));

        var killed = Path.Combine(folder, "killed");
        await RunHostAsync(corpus, killed, delayMs: 5, killAt: "advance sd 0 20");
        await using (var store = RunStore.OpenExisting(killed))
        {
            // The kill landed inside schema definition: some of its documents are stored, the rest are not.
            Assert.Equal(60, (await store.LoadStageResultsAsync(0, StageName.OpenExtraction)).Count);
            Assert.InRange((await store.LoadStageResultsAsync(0, StageName.SchemaDefinition)).Count, 20, 59);
            Assert.Empty(await store.LoadStageResultsAsync(0, StageName.SchemaCanonicalization));
        }

        Assert.Contains("done 60", await RunHostAsync(corpus, killed, delayMs: 0, killAt: null));
        AssertSameOutputs(reference, killed, iterations: 2);
    }

    [Fact]
    public async Task ARunKilledDuringTheRefinementIterationResumesToTheSameResults()
    {
        using var folder = TestPaths.TempDirectory();
        var corpus = WriteCorpus(folder, Enumerable.Range(0, 40).Select(i => $"Person{i} works_for Company{i % 7}. Company{i % 7} located_in City{i % 3}.").ToArray());
        var reference = Path.Combine(folder, "reference");
        await RunHostAsync(corpus, reference, delayMs: 0, killAt: null);

        var killed = Path.Combine(folder, "killed");
        await RunHostAsync(corpus, killed, delayMs: 5, killAt: "advance oie 1 10");
        await using (var store = RunStore.OpenExisting(killed))
        {
            Assert.Equal(40, (await store.LoadStageResultsAsync(0, StageName.SchemaCanonicalization)).Count);
            Assert.Equal(40, (await store.LoadStageResultsAsync(1, StageName.RefinementHint)).Count);
            Assert.InRange((await store.LoadStageResultsAsync(1, StageName.OpenExtraction)).Count, 10, 39);
        }

        await RunHostAsync(corpus, killed, delayMs: 0, killAt: null);
        AssertSameOutputs(reference, killed, iterations: 2);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(killed, "iter1", "result_at_each_stage.json")));
        var first = json.RootElement[0];
        Assert.StartsWith("1. works_for: ", first.GetProperty("relation_hint").GetString());
        Assert.StartsWith("['Person0', 'Company0'", first.GetProperty("entity_hint").GetString());
    }

    private static async Task<string> RunHostAsync(string corpus, string output, int delayMs, string? killAt)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "PipelineHost.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { host, corpus, "-", output, TestPaths.Prompts, delayMs.ToString(System.Globalization.CultureInfo.InvariantCulture), "1", killAt ?? string.Empty })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            lines.Add(line);
            if (line == killAt)
            {
                // SIGKILL: no chance to flush or clean up.
                process.Kill(entireProcessTree: false);
                await process.WaitForExitAsync();
                return string.Join('\n', lines);
            }
        }

        await process.WaitForExitAsync();
        Assert.True(killAt is null, $"the child finished before '{killAt}': {await stderr}");
        Assert.True(process.ExitCode == 0, await stderr);
        return string.Join('\n', lines);
    }

    private static void AssertSameOutputs(string expected, string actual, int iterations)
    {
        for (var i = 0; i < iterations; i++)
        {
            foreach (var file in new[] { "canon_kg.txt", "result_at_each_stage.json", "triples.jsonl" })
            {
                Assert.Equal(File.ReadAllText(Path.Combine(expected, "iter" + i, file)), File.ReadAllText(Path.Combine(actual, "iter" + i, file)));
            }
        }
    }

    private static string WriteCorpus(string folder, string[] lines)
    {
        var path = Path.Combine(folder, "corpus.txt");
        File.WriteAllText(path, string.Join('\n', lines));
        return path;
    }

    private static async Task<(RunSummary Summary, ScriptedChatClient Chat)> RunAsync(string corpusPath, string? schemaPath, string output, EdcSettings settings, ScriptedChatClient? chat = null, CancellationToken cancellationToken = default)
    {
        chat ??= new ScriptedChatClient();
        var embedder = new HashingEmbeddingGenerator();
        var corpus = CorpusReader.Read(corpusPath);
        var schema = schemaPath is null ? [] : SchemaCsvReader.Read(schemaPath);
        var prompts = EdcPrompts.Load(new PromptSources(Path.Combine(TestPaths.Prompts, "templates"), Path.Combine(TestPaths.Prompts, "few_shot")), settings.RefinementIterations > 0);
        await using var store = RunStore.Open(output);
        var pipeline = new EdcPipeline(new EdcBackends(chat, chat, chat, embedder, chat, embedder), prompts, settings, store, Models);
        var summary = await pipeline.RunAsync(corpus, schema, RunManifest.Create(corpus, schema, prompts, settings, Models), output, cancellationToken);
        return (summary, chat);
    }
}
