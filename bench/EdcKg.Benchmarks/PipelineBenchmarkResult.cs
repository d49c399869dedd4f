namespace EdcKg.Benchmarks;

/// <summary>The figures of one <see cref="PipelineBenchmark"/> run, measured side by side.</summary>
/// <param name="Naive">One document at a time, every prompt evaluated whole.</param>
/// <param name="Ours">Documents in flight together with the shared prefixes evaluated once.</param>
/// <param name="PeakResidentMegabytes">The process's peak resident memory, in MB.</param>
public sealed record PipelineBenchmarkResult(PipelinePathFigures Naive, PipelinePathFigures Ours, double PeakResidentMegabytes)
{
    /// <summary>Rounds of both paths run; each path's figures are of its fastest.</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>Whether both paths stored the same outputs of <paramref name="stage"/> (so did the same work in it).</summary>
    public bool SameOutputs(string stage) =>
        Naive.OutputDigests.TryGetValue(stage, out var naive) && Ours.OutputDigests.TryGetValue(stage, out var ours) && naive == ours;

    /// <summary>The figures under the keys the <c>--json</c> line uses.</summary>
    public IReadOnlyDictionary<string, double> ToJsonFields()
    {
        var fields = new Dictionary<string, double>
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
            ["rounds"] = Rounds,
        };
        foreach (var (name, naive, ours) in StagePairs())
        {
            var stage = name.Replace('-', '_');
            foreach (var (path, figures) in new[] { ("naive", naive), ("ours", ours) })
            {
                fields[$"{path}_{stage}_s"] = Math.Round(figures?.Seconds ?? 0, 2);
                fields[$"{path}_{stage}_decode_s"] = Math.Round(figures?.DecodeSeconds ?? 0, 2);
                fields[$"{path}_{stage}_llm_calls"] = figures?.Requests ?? 0;
                fields[$"{path}_{stage}_prompt_tokens_evaluated"] = figures?.PromptTokensEvaluated ?? 0;
                fields[$"{path}_{stage}_answer_tokens"] = figures?.AnswerTokens ?? 0;
            }

            fields[$"same_{stage}_outputs"] = SameOutputs(name) ? 1 : 0;
        }

        return fields;
    }

    /// <summary>The stages either path ran, in the order they ran, with each path's figures (null: that path did not run it).</summary>
    public IReadOnlyList<(string Stage, StageFigures? Naive, StageFigures? Ours)> StagePairs() =>
        Naive.Stages.Select(s => s.Stage).Concat(Ours.Stages.Select(s => s.Stage)).Distinct(StringComparer.Ordinal)
            .Select(stage => (stage, Naive.Stages.FirstOrDefault(s => s.Stage == stage), Ours.Stages.FirstOrDefault(s => s.Stage == stage)))
            .ToList();
}
