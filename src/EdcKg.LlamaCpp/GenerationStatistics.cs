namespace EdcKg.LlamaCpp;

/// <summary>Counts of the work done by a <see cref="LlamaChatClient"/> since it was created.</summary>
/// <param name="Requests">Answers completed.</param>
/// <param name="PromptTokens">Prompt tokens of those requests.</param>
/// <param name="PromptTokensEvaluated">Prompt tokens run through the model; the difference was reused from the prefix cache.</param>
/// <param name="GeneratedTokens">Tokens sampled.</param>
/// <param name="Decodes">Calls to <c>llama_decode</c>.</param>
public sealed record GenerationStatistics(long Requests, long PromptTokens, long PromptTokensEvaluated, long GeneratedTokens, long Decodes)
{
    /// <summary>Decodes that carried answer tokens only (one per sequence answering), no prompt tokens.</summary>
    public long AnswerSteps { get; init; }

    /// <summary>Tokens of the <see cref="AnswerSteps"/> (the sequences answering in each, summed).</summary>
    public long AnswerStepTokens { get; init; }

    /// <summary>Time spent inside <c>llama_decode</c> on the <see cref="AnswerSteps"/>.</summary>
    public TimeSpan AnswerStepTime { get; init; }

    /// <summary>Time spent inside <c>llama_decode</c> on the other decodes, those that carried prompt tokens.</summary>
    public TimeSpan PromptDecodeTime { get; init; }
}
