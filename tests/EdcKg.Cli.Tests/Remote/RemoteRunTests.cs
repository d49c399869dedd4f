using System.Diagnostics;
using System.Text.Json;
using EdcKg.Core.Storage;
using TestModels;
using Xunit.Abstractions;

namespace EdcKg.Cli.Tests.Remote;

public sealed class RemoteRunTests(ITestOutputHelper output)
{
    private static readonly string[] Texts = Enumerable.Range(0, 12)
        .Select(i => $"Person{i} works_for Company{i % 4}. Company{i % 4} located_in City{i % 3}.")
        .ToArray();

    private static string[] RunArgs(string corpus, string outputDir, IEnumerable<string> endpoints, params string[] more)
        => RunArgsWithRetries(corpus, outputDir, endpoints, 4, more);

    private static string[] RunArgsWithRetries(string corpus, string outputDir, IEnumerable<string> endpoints, int maxRetries, params string[] more)
        => [
            "run", "--input-text-file-path", corpus, "--output-dir", outputDir,
            "--oie-llm", "scripted-llm", "--sc-embedder", "hashing-embedder",
            .. endpoints.SelectMany(e => new[] { "--llm-endpoint", e }),
            "--request-timeout", "1.5", "--retry-delay", "0.05", "--max-retries", maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture), "--parallelism", "4", "--endpoint-concurrency", "2",
            .. more,
        ];

    [Fact]
    public async Task ARunThroughFaultyEndpointsCompletesWithEveryDocumentDoneOnce()
    {
        using var folder = CliRunner.TempDirectory();
        var corpus = CliRunner.WriteCorpus(folder, Texts);
        var reference = Path.Combine(folder, "reference");
        await using (var clean = new OpenAiStub())
        {
            var (code, _, error) = await CliRunner.InvokeAsync(RunArgs(corpus, reference, clean.Endpoints));
            Assert.True(code == 0, error);
        }

        await using var stub = new OpenAiStub(ports: 2);
        stub.Inject("Text: " + Texts[1], new StubFault.TooManyRequests(RetryAfterSeconds: 1));
        stub.Inject("Text: " + Texts[2], new StubFault.ServerError(500), new StubFault.ServerError(503));
        stub.Inject("Text: " + Texts[3], new StubFault.Slow(TimeSpan.FromSeconds(3)));
        stub.Inject("Text: " + Texts[4], new StubFault.MalformedJson());
        stub.Inject("embeddings|", new StubFault.ServerError(502));
        var faulty = Path.Combine(folder, "faulty");
        var watch = Stopwatch.StartNew();
        var (exitCode, stdout, stderr) = await CliRunner.InvokeAsync(RunArgs(corpus, faulty, stub.Endpoints));
        watch.Stop();
        Assert.True(exitCode == 0, stderr);
        CliRunner.AssertSameOutputs(reference, faulty);

        var log = stub.Log;
        Assert.Equal(6, log.Count(e => e.Fault is not null));
        // No document lost, none processed twice: exactly one proper answer per document for extraction and definition.
        foreach (var shape in new[] { "TripleListShape", "RelationDefinitionsShape" })
        {
            var answered = log.Where(e => e.Fault is null && e.Key.StartsWith(shape + "|", StringComparison.Ordinal)).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(Texts.Length, answered.Count);
            Assert.True(answered.All(p => p.Value == 1), string.Join("\n", answered.Where(p => p.Value != 1).Select(p => p.Key + " x" + p.Value)) + "\n" + string.Join("\n", log.Select(e => $"{e.At.TotalSeconds:0.000} {e.Port} {e.Key} {e.Fault}")));
        }

        // The 429 and the answer past the timeout were asked again (how long each wait is, Retry-After and the
        // timeout, is checked on a fake clock in PooledRetryHandlerTests).
        var tooMany = log.Single(e => e.Fault is StubFault.TooManyRequests);
        var gap = log.First(e => e.Key == tooMany.Key && e.At > tooMany.At).At - tooMany.At;
        var slow = log.Single(e => e.Fault is StubFault.Slow);
        var afterTimeout = log.First(e => e.Key == slow.Key && e.At > slow.At).At - slow.At;

        // Both endpoints took requests.
        Assert.All(stub.Ports, p => Assert.Contains(log, e => e.Port == p));

        using var usage = JsonDocument.Parse(File.ReadAllText(Path.Combine(faulty, "usage.json")));
        var oie = usage.RootElement.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("role").GetString() == "oie");
        Assert.Equal(Texts.Length, oie.GetProperty("requests").GetInt32());
        Assert.True(oie.GetProperty("inputTokens").GetInt64() > 0 && oie.GetProperty("outputTokens").GetInt64() > 0, oie.ToString());
        Assert.Contains("Model usage", stdout);
        // Every attempt, retries included, is counted per endpoint.
        Assert.Equal(log.Count, stub.Endpoints.Sum(e => int.Parse(stdout.Split('\n').Single(l => l.Contains(e + "/:", StringComparison.Ordinal)).Split(':')[^1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)));

        output.WriteLine($"fault run: {watch.Elapsed.TotalSeconds:0.00} s, {log.Count} requests ({log.Count(e => e.Fault is not null)} faulted) over 2 endpoints {string.Join("/", stub.Ports.Select(p => log.Count(e => e.Port == p)))}; 429 Retry-After 1 s -> retry after {gap.TotalSeconds:0.000} s; slow answer -> retry after {afterTimeout.TotalSeconds:0.000} s");
    }

    [Fact]
    public async Task ADocumentWhoseRequestsKeepFailingIsReportedAndTheNextRunFinishesIt()
    {
        using var folder = CliRunner.TempDirectory();
        var corpus = CliRunner.WriteCorpus(folder, Texts);
        await using var stub = new OpenAiStub();
        var reference = Path.Combine(folder, "reference");
        Assert.Equal(0, (await CliRunner.InvokeAsync(RunArgs(corpus, reference, stub.Endpoints))).ExitCode);

        var marker = "Text: " + Texts[5];
        stub.FailAlways(marker, new StubFault.ServerError(500));
        var runs = Path.Combine(folder, "out");
        var (exitCode, _, stderr) = await CliRunner.InvokeAsync(RunArgsWithRetries(corpus, runs, stub.Endpoints, 2));
        Assert.True(exitCode == ExitCodes.DocumentsFailed, stderr);
        Assert.Contains("5 (position 5), oie of iteration 0", stderr);
        Assert.Contains("gave up after 3 attempts", stderr);
        Assert.Equal(3, stub.Log.Count(e => e.Fault is not null && e.Key.StartsWith("TripleListShape|" + Texts[5], StringComparison.Ordinal)));
        await using (var store = RunStore.OpenExisting(runs))
        {
            Assert.Equal("5", Assert.Single(await store.LoadFailuresAsync()).DocumentId);
        }

        stub.Heal(marker);
        var before = stub.Log.Count;
        var (again, _, againError) = await CliRunner.InvokeAsync(RunArgs(corpus, runs, stub.Endpoints));
        Assert.True(again == 0, againError);
        CliRunner.AssertSameOutputs(reference, runs);
        // The second run extracted only the failed document.
        Assert.Equal(["TripleListShape|" + Texts[5]], stub.Log.Skip(before).Where(e => e.Key.StartsWith("TripleListShape|", StringComparison.Ordinal)).Select(e => e.Key));
    }

    [Fact]
    public async Task ThreeShardRunsMergedByTheCommandEqualOneUnshardedRun()
    {
        using var folder = CliRunner.TempDirectory();
        var texts = Enumerable.Range(0, 12).Select(i => (i % 2) == 0 ? $"Person{i} works_for Company{i % 4}." : $"Person{i} worksFor Company{i % 4}. Person{i} bornIn Town{i}.").ToArray();
        var corpus = CliRunner.WriteCorpus(folder, texts);
        await using var stub = new OpenAiStub();
        var reference = Path.Combine(folder, "reference");
        Assert.Equal(0, (await CliRunner.InvokeAsync(RunArgs(corpus, reference, stub.Endpoints))).ExitCode);

        var shards = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            shards.Add(Path.Combine(folder, "shard" + i));
            var (code, _, error) = await CliRunner.InvokeAsync(RunArgs(corpus, shards[i], stub.Endpoints, "--shard", $"{i}/3"));
            Assert.True(code == 0, error);
            Assert.Contains($"shard {i}/3:", error);
        }

        var merged = Path.Combine(folder, "merged");
        string[] mergeArgs =
        [
            "merge", .. shards, "--output-dir", merged, "--oie-llm", "scripted-llm", "--sc-embedder", "hashing-embedder",
            .. stub.Endpoints.SelectMany(e => new[] { "--llm-endpoint", e }),
        ];
        var (mergeCode, mergeOutput, mergeError) = await CliRunner.InvokeAsync(mergeArgs);
        Assert.True(mergeCode == 0, mergeError);
        Assert.Contains("12 documents", mergeOutput);
        CliRunner.AssertSameOutputs(reference, merged);

        var (missing, _, missingError) = await CliRunner.InvokeAsync(["merge", shards[0], shards[2], "--output-dir", Path.Combine(folder, "partial"), "--oie-llm", "scripted-llm", "--sc-embedder", "hashing-embedder", "--llm-endpoint", stub.Endpoints.First()]);
        Assert.Equal(ExitCodes.BadInput, missing);
        Assert.Contains("shard 1/3 missing", missingError);
    }

    [Fact]
    public async Task StructuredOutputAsksForJsonAndGivesTheSameResults()
    {
        using var folder = CliRunner.TempDirectory();
        var corpus = CliRunner.WriteCorpus(folder, Texts.Take(6));
        await using var stub = new OpenAiStub();
        var reference = Path.Combine(folder, "reference");
        Assert.Equal(0, (await CliRunner.InvokeAsync(RunArgs(corpus, reference, stub.Endpoints))).ExitCode);
        Assert.Equal(0, stub.StructuredRequests);

        var structured = Path.Combine(folder, "structured");
        var before = stub.Log.Count;
        var (code, _, error) = await CliRunner.InvokeAsync(RunArgs(corpus, structured, stub.Endpoints, "--structured-output", "--refinement-iterations", "0"));
        Assert.True(code == 0, error);
        // Every chat request asked for JSON: extraction and definition of each document, and the verifier.
        Assert.Equal(stub.Log.Skip(before).Count(e => !e.Key.StartsWith("embeddings|", StringComparison.Ordinal)), stub.StructuredRequests);
        Assert.True(stub.StructuredRequests > 12, $"{stub.StructuredRequests} structured requests");
        CliRunner.AssertSameOutputs(reference, structured);
    }

    [Fact]
    public async Task AWrongKeyOrModelStopsTheRunAndARejectedRequestFailsItsDocumentWithoutRetries()
    {
        using var folder = CliRunner.TempDirectory();
        var corpus = CliRunner.WriteCorpus(folder, Texts.Take(4));
        await using var stub = new OpenAiStub();
        stub.FailAlways("Text: " + Texts[0], new StubFault.ServerError(401));
        var (stopped, _, stoppedError) = await CliRunner.InvokeAsync(RunArgs(corpus, Path.Combine(folder, "unauthorized"), stub.Endpoints));
        Assert.Equal(ExitCodes.Failure, stopped);
        Assert.Contains("HTTP 401", stoppedError);
        Assert.Contains("EDCKG_API_KEY", stoppedError);
        Assert.Single(stub.Log, e => e.Fault is not null);

        stub.Heal("Text: " + Texts[0]);
        stub.FailAlways("Text: " + Texts[1], new StubFault.ServerError(400));
        var (failed, _, failedError) = await CliRunner.InvokeAsync(RunArgs(corpus, Path.Combine(folder, "rejected"), stub.Endpoints));
        Assert.Equal(ExitCodes.DocumentsFailed, failed);
        Assert.Contains("rejected the request: HTTP 400", failedError);
        Assert.Equal(1, stub.Log.Count(e => e.Fault is StubFault.ServerError { Status: 400 }));
    }

    [Fact]
    public async Task PricesFromTheConfigurationFileGiveTheCostPerStageAndModel()
    {
        using var folder = CliRunner.TempDirectory();
        var corpus = CliRunner.WriteCorpus(folder, Texts.Take(4));
        await using var stub = new OpenAiStub();
        var config = Path.Combine(folder, "edckg.json");
        var settings = new System.Text.Json.Nodes.JsonObject
        {
            ["run"] = new System.Text.Json.Nodes.JsonObject
            {
                ["llm-endpoint"] = new System.Text.Json.Nodes.JsonArray(stub.Endpoints.Single()),
                ["price-per-1k-input"] = 0.5,
                ["price-per-1k-output"] = 2,
            },
        };
        File.WriteAllText(config, settings.ToJsonString());
        var output = Path.Combine(folder, "out");
        var (exitCode, stdout, stderr) = await CliRunner.InvokeAsync("run", "--config", config, "--input-text-file-path", corpus, "--output-dir", output, "--oie-llm", "scripted-llm", "--sc-embedder", "hashing-embedder");
        var writer = stdout + stderr;
        Assert.True(exitCode == 0, writer);

        using var usage = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "usage.json")));
        var lines = usage.RootElement.GetProperty("lines").EnumerateArray().ToList();
        Assert.All(lines, l => Assert.Equal(
            (l.GetProperty("inputTokens").GetDecimal() * 0.5m / 1000m) + (l.GetProperty("outputTokens").GetDecimal() * 2m / 1000m),
            l.GetProperty("cost").GetDecimal()));
        Assert.Equal(lines.Sum(l => l.GetProperty("cost").GetDecimal()), usage.RootElement.GetProperty("total").GetProperty("cost").GetDecimal());
        Assert.True(usage.RootElement.GetProperty("total").GetProperty("cost").GetDecimal() > 0);
        Assert.Contains("total cost", writer);
        await using var store = Core.Storage.RunStore.OpenExisting(output);
        Assert.StartsWith("4,", (await store.ReadManifestAsync())["info.usage.oie.scripted-llm"]);
    }

    [Theory]
    [InlineData("--shard", "3/3", "--shard:")]
    [InlineData("--shard", "two", "--shard:")]
    [InlineData("--llm-endpoint", "ftp://host/v1", "--llm-endpoint:")]
    [InlineData("--request-timeout", "0", "--request-timeout")]
    [InlineData("--price-per-1k-input", "0.5", "--price-per-1k-output")]
    [InlineData("--endpoint-concurrency", "0", "--endpoint-concurrency")]
    public async Task BadScaleOutOptionsAreRejectedNamingTheOption(string option, string value, string named)
    {
        using var folder = CliRunner.TempDirectory();
        var corpus = CliRunner.WriteCorpus(folder, Texts);
        var (exitCode, _, stderr) = await CliRunner.InvokeAsync("run", "--input-text-file-path", corpus, "--output-dir", Path.Combine(folder, "out"), "--oie-llm", "openai:m", "--sc-embedder", "openai:e", option, value);
        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains(named, stderr);
        Assert.False(File.Exists(Path.Combine(folder, "out", RunSnapshotReader.StoreFileName)));
    }
}
