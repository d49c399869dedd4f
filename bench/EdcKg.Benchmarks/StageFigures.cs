namespace EdcKg.Benchmarks;

/// <summary>What one stage of a pipeline run took and what the model did in it.</summary>
/// <param name="Stage">The stage's name (<c>oie</c>, <c>sd</c>, <c>sc</c>; with <c>-2</c>, <c>-3</c> for a later iteration).</param>
/// <param name="Seconds">Wall-clock time from the stage's start to its end.</param>
/// <param name="DecodeSeconds">Of that, the time inside <c>llama_decode</c>.</param>
/// <param name="Requests">LLM calls answered in the stage.</param>
/// <param name="PromptTokensEvaluated">Prompt tokens run through the model in the stage.</param>
/// <param name="AnswerTokens">Tokens generated in the stage.</param>
public sealed record StageFigures(string Stage, double Seconds, double DecodeSeconds, long Requests, long PromptTokensEvaluated, long AnswerTokens);
