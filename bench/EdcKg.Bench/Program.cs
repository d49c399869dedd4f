// Benchmarks that print side-by-side ratios: `dotnet run -c Release -- <name> [options]`.
// Each entry is one file with a static RunAsync(string[] args) returning the exit code.
var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["embed"] = EdcKg.Bench.EmbeddingBenchmark.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: EdcKg.Bench <{string.Join('|', benchmarks.Keys)}> [options]");
    return 2;
}

return await run(args[1..]);
