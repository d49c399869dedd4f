using System.Text.Json;
using System.Text.Json.Nodes;
using TestModels;
using Xunit.Abstractions;

namespace EdcKg.Cli.Tests;

public sealed class EntityResolutionCommandTests(ITestOutputHelper log)
{
    private static readonly string[] Texts =
    [
        "Alan_Shepard flew_on Freedom_7.",
        "Shepard commanded Apollo_14.",
        "alan_shepard walked_on Moon.",
    ];

    [Fact]
    public async Task ResolveEntitiesWritesEntitiesAndIdsAndASecondRunAsksNothingNew()
    {
        using var folder = CliRunner.TempDirectory();
        var corpus = CliRunner.WriteCorpus(folder, Texts);
        var output = Path.Combine(folder, "out");
        string[] args = ["run", "--input-text-file-path", corpus, "--output-dir", output, "--oie-llm", "scripted-llm", "--sc-embedder", "hashing-embedder", "--resolve-entities", "--er-top-k", "3"];
        await using var stub = new OpenAiStub();
        var (code, stdout, stderr) = await CliRunner.InvokeAsync([.. args, "--llm-endpoint", stub.Endpoints.First()]);
        Assert.True(code == 0, stderr);
        Assert.Contains("Entities: ", stdout);

        var entities = File.ReadAllLines(Path.Combine(output, "iter0", "entities.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        var shepard = entities.Single(e => e["name"]!.GetValue<string>() is "Alan_Shepard" or "alan_shepard");
        Assert.Equal(2, shepard["mentions"]!.GetValue<int>());
        var triples = File.ReadAllLines(Path.Combine(output, "iter0", "triples.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.All(triples, t => Assert.NotNull(t["subjectId"]));
        Assert.Equal(triples[0]["subjectId"]!.GetValue<string>(), triples[2]["subjectId"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(output, "iter0", "entity_decisions.jsonl")));

        var requests = stub.Log.Count;
        (code, _, stderr) = await CliRunner.InvokeAsync([.. args, "--llm-endpoint", stub.Endpoints.First()]);
        Assert.True(code == 0, stderr);
        Assert.Equal(requests, stub.Log.Count);
    }

    [Fact]
    public async Task OnTheTinyLocalModelEveryAnswerIsOneOfTheLettersOffered()
    {
        // The stages are served by the stub (so there are triples); the merge questions go to the tiny local model.
        using var folder = CliRunner.TempDirectory();
        var model = Path.Combine(folder, "tiny.gguf");
        TinyLlamaGguf.Write(model);
        var corpus = CliRunner.WriteCorpus(folder, Texts);
        var output = Path.Combine(folder, "out");
        await using var stub = new OpenAiStub();
        var (code, _, error) = await CliRunner.InvokeAsync(
            "run", "--input-text-file-path", corpus, "--oie-llm", "scripted-llm", "--sc-embedder", "hashing-embedder", "--llm-endpoint", stub.Endpoints.First(),
            "--resolve-entities", "--er-llm", model, "--output-dir", output, "--threads", "1", "--context-size", "4096");
        Assert.True(code == ExitCodes.Success, error);

        var decisions = File.ReadAllLines(Path.Combine(output, "iter0", "entity_decisions.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(File.ReadAllLines(Path.Combine(output, "iter0", "entities.jsonl")).Length, decisions.Count(d => d["outcome"]!.GetValue<string>() is "New" or "Refused"));
        var asked = decisions.Where(d => d["answer"] is not null).ToList();
        foreach (var decision in asked)
        {
            // The grammar allows exactly the letters of the candidates and of "None of the above".
            var letters = Enumerable.Range(0, decision["candidates"]!.AsArray().Count + 1).Select(i => ((char)('A' + i)).ToString());
            Assert.Contains(decision["answer"]!.GetValue<string>().Trim(), letters);
        }

        log.WriteLine($"{decisions.Count} decisions, {asked.Count} asked the tiny model");
    }

    [Fact]
    public async Task AnErTopKOutOfRangeNamesTheOption()
    {
        var (code, _, error) = await CliRunner.RunAsync("run", "--input-text-file-path", Path.Combine(CliRunner.SharedEdc, "datasets", "example.txt"), "--oie-llm", "m.gguf", "--sc-embedder", "e5", "--resolve-entities", "--er-top-k", "0");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--er-top-k", error);
    }

    [Fact]
    public async Task BenchEntitiesReportsPairsPerMentionForEachPopulation()
    {
        var (code, output, error) = await CliRunner.RunAsync("bench", "entities", "--mentions", "400,800", "--dimension", "32", "--json");
        Assert.True(code == 0, error);
        using var figures = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        Assert.True(figures.RootElement.GetProperty("pairs_per_mention_800").GetDouble() > 0);
        Assert.True(figures.RootElement.GetProperty("mentions_per_s_400").GetDouble() > 0);
        Assert.Contains("pairs/mention at 800 vs 400 mentions", output);
    }
}
