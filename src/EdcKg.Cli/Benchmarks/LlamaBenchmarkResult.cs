namespace EdcKg.Cli.Benchmarks;

/// <summary>The figures of one <see cref="LlamaBatchingBenchmark"/> run: the naive path and ours, measured side by side.</summary>
/// <param name="Naive">One document at a time with the whole prompt evaluated each time, as EDC does.</param>
/// <param name="Batched">Documents decoded together with the shared prompt prefix evaluated once.</param>
/// <param name="PeakResidentMegabytes">The process's peak resident memory after both paths, in MB.</param>
public sealed record LlamaBenchmarkResult(LlamaPathFigures Naive, LlamaPathFigures Batched, double PeakResidentMegabytes)
{
    /// <summary>The figures under the keys the <c>--json</c> line uses.</summary>
    public IReadOnlyDictionary<string, double> ToJsonFields() => new Dictionary<string, double>
    {
        ["naive_docs_per_s"] = Math.Round(Naive.DocumentsPerSecond, 3),
        ["batched_docs_per_s"] = Math.Round(Batched.DocumentsPerSecond, 3),
        ["naive_prompt_tokens_per_doc"] = Math.Round(Naive.PromptTokensPerDocument, 1),
        ["batched_prompt_tokens_per_doc"] = Math.Round(Batched.PromptTokensPerDocument, 1),
        ["peak_rss_mb"] = Math.Round(PeakResidentMegabytes, 1),
    };
}
