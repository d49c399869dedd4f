using Microsoft.Extensions.AI;

namespace EdcKg.LlamaCpp;

/// <summary>The answer to one <see cref="GenerationRequest"/>.</summary>
/// <param name="Text">The decoded answer, cut before any stop sequence.</param>
/// <param name="Tokens">The sampled tokens (without the end-of-generation token).</param>
/// <param name="FinishReason">Why decoding ended.</param>
/// <param name="PromptTokens">Tokens of the prompt.</param>
/// <param name="PromptTokensEvaluated">Prompt tokens actually run through the model (the rest came from the prefix cache).</param>
internal sealed record GenerationResult(string Text, IReadOnlyList<int> Tokens, ChatFinishReason FinishReason, int PromptTokens, int PromptTokensEvaluated);
