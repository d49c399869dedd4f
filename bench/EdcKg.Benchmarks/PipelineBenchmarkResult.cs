namespace EdcKg.Benchmarks;

/// <summary>The figures of one <see cref="PipelineBenchmark"/> run, measured side by side.</summary>
/// <param name="Naive">One document at a time, every prompt evaluated whole.</param>
/// <param name="Ours">Documents in flight together with the shared prefixes evaluated once.</param>
/// <param name="PeakResidentMegabytes">The process's peak resident memory, in MB.</param>
public sealed record PipelineBenchmarkResult(PipelinePathFigures Naive, PipelinePathFigures Ours, double PeakResidentMegabytes)
{
    /// <summary>The figures under the keys the <c>--json</c> line uses.</summary>
    public IReadOnlyDictionary<string, double> ToJsonFields() => new Dictionary<string, double>
    {
        ["naive_docs_per_s"] = Math.Round(Naive.DocumentsPerSecond, 4),
        ["ours_docs_per_s"] = Math.Round(Ours.DocumentsPerSecond, 4),
        ["speedup"] = Math.Round(Ours.DocumentsPerSecond / Naive.DocumentsPerSecond, 2),
        ["naive_llm_calls"] = Naive.Requests,
        ["ours_llm_calls"] = Ours.Requests,
        ["naive_prompt_tokens_evaluated"] = Naive.PromptTokensEvaluated,
        ["ours_prompt_tokens_evaluated"] = Ours.PromptTokensEvaluated,
        ["naive_answer_tokens"] = Naive.AnswerTokens,
        ["ours_answer_tokens"] = Ours.AnswerTokens,
        ["naive_canonical_triples"] = Naive.CanonicalTriples,
        ["ours_canonical_triples"] = Ours.CanonicalTriples,
        ["peak_rss_mb"] = Math.Round(PeakResidentMegabytes, 1),
    };
}
