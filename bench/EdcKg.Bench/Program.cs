using EdcKg.Bench;

// Benchmarks that print side-by-side figures. Usage: dotnet run -c Release --project bench/EdcKg.Bench -- <name> [args]
var benchmarks = new Dictionary<string, Func<string[], Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["pipeline-overhead"] = PipelineOverheadBench.RunAsync,
    ["evaluate"] = EvaluationBenchmark.RunAsync,
    ["embed"] = TinyModelBench.EmbedAsync,
    ["remote-scaleout"] = RemoteScaleOutBench.RunAsync,
    ["csv-export"] = CsvExportBench.RunAsync,
    ["llama-batching"] = TinyModelBench.LlmAsync,
    ["llm"] = TinyModelBench.LlmAsync,
    ["pipeline"] = TinyModelBench.PipelineAsync,
    ["realistic-model"] = RealisticModelBench.RunAsync,
    ["corpus"] = CorpusBench.RunAsync,
    ["update"] = UpdateBench.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: EdcKg.Bench <{string.Join('|', benchmarks.Keys)}> [args]");
    return 2;
}

await run(args[1..]);
return 0;
