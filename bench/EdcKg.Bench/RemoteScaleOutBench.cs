using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TestModels;

namespace EdcKg.Bench;

/// <summary>
/// Scale-out over remote endpoints: the same `edckg run` against 1, 2 and 4 replicas of a loopback OpenAI-compatible
/// server whose every answer takes a fixed latency (as a model's decoding would), each replica taking
/// --endpoint-concurrency requests at once. Prints wall time and the speed-up over one replica, side by side.
/// Usage: remote-scaleout [documents=96] [latency-ms=50] [concurrency=4]
/// </summary>
internal static class RemoteScaleOutBench
{
    public static async Task RunAsync(string[] args)
    {
        var documents = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 96;
        var latency = TimeSpan.FromMilliseconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50);
        var concurrency = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;
        var folder = Path.Combine(Path.GetTempPath(), "edckg-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var corpus = Path.Combine(folder, "corpus.txt");
        await File.WriteAllLinesAsync(corpus, Enumerable.Range(0, documents).Select(i => $"Person{i} works_for Company{i % 9}. Company{i % 9} located_in City{i % 5}."));

        // A first run (not counted) compiles the code paths, so the first measured run is not slowed by JIT.
        await RunOnceAsync(corpus, Path.Combine(folder, "warm-up"), 1, TimeSpan.Zero, concurrency);
        Console.WriteLine($"remote-scaleout: {documents} documents, {latency.TotalMilliseconds:0} ms per answer, {concurrency} requests at once per endpoint");
        Console.WriteLine("endpoints   seconds   documents/s   speed-up   requests per endpoint");
        double? single = null;
        foreach (var endpoints in new[] { 1, 2, 4 })
        {
            var (elapsed, perEndpoint) = await RunOnceAsync(corpus, Path.Combine(folder, "out" + endpoints), endpoints, latency, concurrency);
            var seconds = elapsed.TotalSeconds;
            single ??= seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{endpoints,9}   {seconds,7:0.00}   {documents / seconds,11:0.0}   {single.Value / seconds,7:0.00}x   {perEndpoint}"));
        }

        Directory.Delete(folder, recursive: true);
    }

    private static async Task<(TimeSpan Elapsed, string PerEndpoint)> RunOnceAsync(string corpus, string output, int endpoints, TimeSpan latency, int concurrency)
    {
        await using var stub = new OpenAiStub(endpoints) { Latency = latency };
        string[] run =
        [
            "run", "--input-text-file-path", corpus, "--output-dir", output,
            "--oie-llm", "scripted-llm", "--sc-embedder", "hashing-embedder",
            .. stub.Endpoints.SelectMany(e => new[] { "--llm-endpoint", e }),
            "--endpoint-concurrency", concurrency.ToString(CultureInfo.InvariantCulture), "--parallelism", "64",
        ];
        var watch = Stopwatch.StartNew();
        var exitCode = await Cli.Program.BuildRootCommand().Parse(run).InvokeAsync(new InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null });
        watch.Stop();
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"edckg run exited with {exitCode}");
        }

        return (watch.Elapsed, string.Join("/", stub.Ports.Select(p => stub.Log.Count(e => e.Port == p))));
    }
}
