using System.Text.Json;
using EdcKg.Evaluation.Benchmarks;
using EdcKg.Core.Domain;
using EdcKg.Evaluation.Scoring;
using EdcKg.Evaluation.Experiments;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;
using TestModels;

namespace EdcKg.Evaluation.Tests.Experiments;

public sealed class ExperimentRunnerTests : IDisposable
{
    private static readonly Dictionary<ModelRole, string> Models = new()
    {
        [ModelRole.OpenExtraction] = "scripted", [ModelRole.SchemaDefinition] = "scripted", [ModelRole.SchemaCanonicalization] = "scripted", [ModelRole.CanonicalizationEmbedder] = "hashing-64",
    };

    private readonly TempFolder _output = new();

    public void Dispose() => _output.Dispose();

    private static EdcBenchmark TinyBenchmark() => new(
        "tiny",
        [new Document(0, "1", "Alice works_for Acme."), new Document(1, "2", "Bob lives_in Paris.")],
        [[new Triple("Alice", "works_for", "Acme")], [new Triple("Bob", "lives_in", "London")]],
        "references/tiny.txt",
        ["[['Alice', 'works_for', 'Acme']]", "[['Bob', 'lives_in', 'London']]"],
        [new SchemaRelation("works_for", "The subject entity is related to the object entity by works for.", RelationOrigin.Target)],
        new EdcBenchmarkFewShotExamples(string.Empty, string.Empty, string.Empty, string.Empty));

    private static ExperimentConfiguration Configuration(string name, bool target, IChatClient? openExtraction = null) =>
        new(name, new EdcSettings { Parallelism = 2 }, target, new EdcBackends(openExtraction ?? new ScriptedChatClient(), new ScriptedChatClient(), new ScriptedChatClient(), new HashingEmbeddingGenerator()), Models);

    [Fact]
    public async Task Each_configuration_is_run_scored_and_reported_side_by_side()
    {
        var prompts = EdcPrompts.Load(new PromptSources(Path.Combine(RepositoryPaths.Prompts, "templates"), Path.Combine(RepositoryPaths.Prompts, "few_shot")), refinement: false);

        var runs = await ExperimentRunner.RunAsync(TinyBenchmark(), prompts, [Configuration("target", true), Configuration("self", false)], _output, CancellationToken.None);

        Assert.Equal(["target", "self"], runs.Select(r => r.Name));

        // Self-canonicalization keeps both extracted triples; the first is exactly the gold triple, the second
        // differs in its object only. Scored independently from the written file, the figures are the same.
        var self = runs[1];
        var written = await EdcOutputReader.ReadLinesAsync(Path.Combine(_output, "self", "iter0", "canon_kg.txt"), CancellationToken.None);
        Assert.Equal(["[['Alice', 'works_for', 'Acme']]", "[['Bob', 'lives_in', 'Paris']]"], written);
        var strict = self.Report!.Total(EvaluationScheme.Strict);
        Assert.Equal((5, 1, 1), (strict.Correct, strict.Missed, strict.Spurious));
        Assert.Equal(ReferenceReportFormat.Write(new EdcScorer().Score(EdcOutputReader.Pair(written, TinyBenchmark().ReferenceLines, null).Entries)), ReferenceReportFormat.Write(self.Report));

        // Target alignment knows only works_for, so Bob's triple is dropped and its line scores as missed.
        Assert.Equal(["[['Alice', 'works_for', 'Acme']]", "[]"], await EdcOutputReader.ReadLinesAsync(Path.Combine(_output, "target", "iter0", "canon_kg.txt"), CancellationToken.None));

        var markdown = await File.ReadAllTextAsync(Path.Combine(_output, "report.md"));
        Assert.Contains("| self | 2 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| target | 2 |", markdown, StringComparison.Ordinal);
        Assert.Contains("`corpus.documents`: `2`", markdown, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_output, "report.json")));
        var jsonRuns = json.RootElement.GetProperty("runs");
        Assert.Equal(2, jsonRuns.GetArrayLength());
        Assert.Equal(5, jsonRuns[1].GetProperty("scores").GetProperty("total").GetProperty("strict").GetProperty("correct").GetInt32());
        Assert.Equal("2", jsonRuns[0].GetProperty("manifest").GetProperty("corpus.documents").GetString());

        var svg = await File.ReadAllTextAsync(Path.Combine(_output, "chart.svg"));
        Assert.Equal((12 * 2) + 2, svg.Split("<rect ").Length - 1);
        Assert.True(File.Exists(Path.Combine(_output, "self", "manifest.json")));
    }

    [Fact]
    public async Task Configuration_whose_run_did_not_complete_is_reported_failed_not_scored()
    {
        var prompts = EdcPrompts.Load(new PromptSources(Path.Combine(RepositoryPaths.Prompts, "templates"), Path.Combine(RepositoryPaths.Prompts, "few_shot")), refinement: false);
        // A last-iteration file from an earlier attempt must not be taken for this run's output.
        var stale = Path.Combine(_output, "broken", "iter0", "canon_kg.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        await File.WriteAllTextAsync(stale, "[['Alice', 'works_for', 'Acme']]\n[['Bob', 'lives_in', 'London']]\n");
        var failing = new FailingChatClient(new ScriptedChatClient(), failWhenPromptHas: "Bob lives_in Paris");

        var runs = await ExperimentRunner.RunAsync(TinyBenchmark(), prompts, [Configuration("broken", false, failing), Configuration("self", false)], _output, CancellationToken.None);

        var broken = runs[0];
        Assert.False(broken.Scored);
        Assert.Null(broken.Report);
        Assert.False(broken.Summary.Complete);
        Assert.Contains("run incomplete: 1 of 2 documents unfinished (1 failed)", broken.Failure, StringComparison.Ordinal);
        Assert.True(runs[1].Scored);
        Assert.Equal(5, runs[1].Report!.Total(EvaluationScheme.Strict).Correct);

        var markdown = await File.ReadAllTextAsync(Path.Combine(_output, "report.md"));
        Assert.Contains("| broken | failed |", markdown, StringComparison.Ordinal);
        Assert.Contains("- broken: run incomplete:", markdown, StringComparison.Ordinal);
        Assert.Contains("| self | 2 |", markdown, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_output, "report.json")));
        var jsonRuns = json.RootElement.GetProperty("runs");
        Assert.Equal(JsonValueKind.Null, jsonRuns[0].GetProperty("scores").ValueKind);
        Assert.StartsWith("run incomplete", jsonRuns[0].GetProperty("failure").GetString(), StringComparison.Ordinal);
        Assert.Equal(5, jsonRuns[1].GetProperty("scores").GetProperty("total").GetProperty("strict").GetProperty("correct").GetInt32());
        // Only the scored configuration has bars: 12 groups, plus its legend swatch.
        Assert.Equal(12 + 1, (await File.ReadAllTextAsync(Path.Combine(_output, "chart.svg"))).Split("<rect ").Length - 1);
    }

    [Fact]
    public async Task Duplicate_configuration_names_are_refused_before_anything_runs()
    {
        var prompts = EdcPrompts.Load(new PromptSources(Path.Combine(RepositoryPaths.Prompts, "templates"), Path.Combine(RepositoryPaths.Prompts, "few_shot")), refinement: false);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => ExperimentRunner.RunAsync(TinyBenchmark(), prompts, [Configuration("a", true), Configuration("A", false)], _output, CancellationToken.None));

        Assert.Contains("'a' is used twice", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_output));
    }
}
