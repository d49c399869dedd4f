namespace EdcKg.Benchmarks;

/// <summary>What one decoding path achieved over the benchmark's documents.</summary>
/// <param name="Documents">Documents answered.</param>
/// <param name="Seconds">Wall-clock time of the whole path.</param>
/// <param name="PromptTokensEvaluated">Prompt tokens run through the model (the rest came from the prefix cache).</param>
/// <param name="AnswerTokens">Tokens generated.</param>
/// <param name="Decodes">Calls to <c>llama_decode</c>.</param>
public sealed record LlamaPathFigures(int Documents, double Seconds, long PromptTokensEvaluated, long AnswerTokens, long Decodes)
{
    /// <summary>Documents answered per second.</summary>
    public double DocumentsPerSecond => Documents / Seconds;

    /// <summary>Tokens run through the model (prompt and answer) per second.</summary>
    public double TokensPerSecond => (PromptTokensEvaluated + AnswerTokens) / Seconds;

    /// <summary>Prompt tokens evaluated per document.</summary>
    public double PromptTokensPerDocument => (double)PromptTokensEvaluated / Documents;

    /// <summary>Answer tokens per document.</summary>
    public double AnswerTokensPerDocument => (double)AnswerTokens / Documents;

    /// <summary>Decodes that carried answer tokens only (one per sequence answering).</summary>
    public long AnswerSteps { get; init; }

    /// <summary>Tokens of those answer steps.</summary>
    public long AnswerStepTokens { get; init; }

    /// <summary>Seconds inside <c>llama_decode</c> on those answer steps.</summary>
    public double AnswerStepSeconds { get; init; }

    /// <summary>Seconds inside <c>llama_decode</c> on the decodes that carried prompt tokens.</summary>
    public double PromptDecodeSeconds { get; init; }

    /// <summary>
    /// What an answer-step token costs against a token at <paramref name="promptRate"/> (tokens/s): 1 when answering
    /// is as cheap per token as evaluating a prompt batch; NaN without answer steps.
    /// </summary>
    public double AnswerTokenCost(double promptRate) =>
        AnswerStepTokens > 0 ? AnswerStepSeconds / AnswerStepTokens * promptRate : double.NaN;
}
