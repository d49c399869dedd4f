namespace EdcKg.Benchmarks;

/// <summary>The figures of one <see cref="LlamaBatchingBenchmark"/> run, all measured side by side on one loaded model.</summary>
/// <param name="PromptRate">Prompt-processing rate (tokens/s) of one <c>llama_decode</c> of a batch, the best of the probes.</param>
/// <param name="SharedPrefixTokens">Prompt tokens all documents share (the instructions and examples, with the chat template's start).</param>
/// <param name="Naive">One document at a time with the whole prompt evaluated each time, as EDC does.</param>
/// <param name="Batched">Documents decoded together, the shared prefix evaluated once (included), free-text answers.</param>
/// <param name="BatchedGrammar">As <paramref name="Batched"/>, with answers constrained by the triple-list grammar.</param>
/// <param name="BatchedWarm">As <paramref name="Batched"/> on a client whose prefix is already cached: a long corpus's steady state.</param>
/// <param name="OwnPromptTokens">Prompt tokens of the batched documents beyond the shared prefix, summed.</param>
/// <param name="PeakResidentMegabytes">The process's peak resident memory, in MB.</param>
public sealed record LlamaBenchmarkResult(
    double PromptRate, int SharedPrefixTokens, long OwnPromptTokens, LlamaPathFigures Naive, LlamaPathFigures Batched, LlamaPathFigures BatchedGrammar, LlamaPathFigures BatchedWarm, double PeakResidentMegabytes)
{
    /// <summary>
    /// Documents/s if every token that must be evaluated (the shared prefix once, each document's own prompt tokens and
    /// its answer tokens) went through the model at <see cref="PromptRate"/>: the bound for this run.
    /// </summary>
    public double LimitDocumentsPerSecond => Batched.Documents * PromptRate / (SharedPrefixTokens + OwnPromptTokens + Batched.AnswerTokens);

    /// <summary>The same bound without the shared prefix (evaluated once for the whole corpus): a long corpus's bound.</summary>
    public double SteadyLimitDocumentsPerSecond => BatchedWarm.Documents * PromptRate / (OwnPromptTokens + BatchedWarm.AnswerTokens);

    /// <summary>Rounds measured; each path's figures are its fastest round's.</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>The figures under the keys the <c>--json</c> line uses.</summary>
    public IReadOnlyDictionary<string, double> ToJsonFields()
    {
        var fields = Fields();
        if (Batched.AnswerStepTokens > 0)
        {
            // Without answer steps (one answer token, sampled from the prompt's decode) there is no cost to report.
            fields["batched_answer_token_cost"] = Math.Round(Batched.AnswerTokenCost(PromptRate), 2);
        }

        return fields;
    }

    private Dictionary<string, double> Fields() => new()
    {
        ["rounds"] = Rounds,
        ["prompt_rate_tokens_per_s"] = Math.Round(PromptRate, 1),
        ["shared_prefix_tokens"] = SharedPrefixTokens,
        ["naive_docs_per_s"] = Math.Round(Naive.DocumentsPerSecond, 4),
        ["batched_docs_per_s"] = Math.Round(Batched.DocumentsPerSecond, 4),
        ["batched_grammar_docs_per_s"] = Math.Round(BatchedGrammar.DocumentsPerSecond, 4),
        ["batched_warm_docs_per_s"] = Math.Round(BatchedWarm.DocumentsPerSecond, 4),
        ["limit_docs_per_s"] = Math.Round(LimitDocumentsPerSecond, 4),
        ["steady_limit_docs_per_s"] = Math.Round(SteadyLimitDocumentsPerSecond, 4),
        ["naive_tokens_per_s"] = Math.Round(Naive.TokensPerSecond, 1),
        ["batched_tokens_per_s"] = Math.Round(Batched.TokensPerSecond, 1),
        ["batched_grammar_tokens_per_s"] = Math.Round(BatchedGrammar.TokensPerSecond, 1),
        ["batched_warm_tokens_per_s"] = Math.Round(BatchedWarm.TokensPerSecond, 1),
        ["naive_prompt_tokens_per_doc"] = Math.Round(Naive.PromptTokensPerDocument, 1),
        ["batched_prompt_tokens_per_doc"] = Math.Round(Batched.PromptTokensPerDocument, 1),
        ["batched_warm_prompt_tokens_per_doc"] = Math.Round(BatchedWarm.PromptTokensPerDocument, 1),
        ["naive_answer_tokens_per_doc"] = Math.Round(Naive.AnswerTokensPerDocument, 1),
        ["batched_answer_tokens_per_doc"] = Math.Round(Batched.AnswerTokensPerDocument, 1),
        ["batched_grammar_answer_tokens_per_doc"] = Math.Round(BatchedGrammar.AnswerTokensPerDocument, 1),
        ["batched_vs_limit"] = Math.Round(Batched.DocumentsPerSecond / LimitDocumentsPerSecond, 3),
        ["batched_warm_vs_steady_limit"] = Math.Round(BatchedWarm.DocumentsPerSecond / SteadyLimitDocumentsPerSecond, 3),
        ["batched_vs_naive"] = Math.Round(Batched.DocumentsPerSecond / Naive.DocumentsPerSecond, 2),
        ["batched_grammar_vs_naive"] = Math.Round(BatchedGrammar.DocumentsPerSecond / Naive.DocumentsPerSecond, 2),
        ["batched_warm_vs_naive"] = Math.Round(BatchedWarm.DocumentsPerSecond / Naive.DocumentsPerSecond, 2),
        ["batched_prompt_decode_ms"] = Math.Round(Batched.PromptDecodeSeconds * 1000, 3),
        ["batched_answer_steps"] = Batched.AnswerSteps,
        ["batched_answer_step_ms"] = Math.Round(Batched.AnswerStepSeconds * 1000, 3),
        ["grammar_cost"] = Math.Round(1 - (BatchedGrammar.TokensPerSecond / Batched.TokensPerSecond), 3),
        ["peak_rss_mb"] = Math.Round(PeakResidentMegabytes, 1),
    };
}
