namespace EdcKg.Bench;

/// <summary>Runs one benchmark, chosen by the first argument; each prints its figures side by side.</summary>
public static class Program
{
    /// <summary>The benchmarks by name; add an entry to add a benchmark.</summary>
    private static readonly Dictionary<string, Func<string[], Task<int>>> Benchmarks = new(StringComparer.Ordinal)
    {
        ["llama-batching"] = LlamaBatchingBenchmark.RunAsync,
    };

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || !Benchmarks.TryGetValue(args[0], out var run))
        {
            Console.Error.WriteLine($"usage: EdcKg.Bench <{string.Join("|", Benchmarks.Keys)}> [options]");
            return 2;
        }

        return await run(args[1..]);
    }
}
