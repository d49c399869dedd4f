namespace EdcKg.LlamaCpp;

/// <summary>Counts of the work done by a <see cref="LlamaChatClient"/> since it was created.</summary>
/// <param name="Requests">Answers completed.</param>
/// <param name="PromptTokens">Prompt tokens of those requests.</param>
/// <param name="PromptTokensEvaluated">Prompt tokens run through the model; the difference was reused from the prefix cache.</param>
/// <param name="GeneratedTokens">Tokens sampled.</param>
/// <param name="Decodes">Calls to <c>llama_decode</c>.</param>
public sealed record GenerationStatistics(long Requests, long PromptTokens, long PromptTokensEvaluated, long GeneratedTokens, long Decodes);
