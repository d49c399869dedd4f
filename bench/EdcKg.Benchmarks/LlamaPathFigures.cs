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
}
