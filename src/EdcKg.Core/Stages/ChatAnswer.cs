namespace EdcKg.Core.Stages;

/// <summary>One answer of a chat model to a stage's question.</summary>
/// <param name="Text">The answer without EDC's lead-in.</param>
/// <param name="Truncated">Whether generation stopped at the token limit (<c>ChatFinishReason.Length</c>), so the answer may be cut.</param>
internal sealed record ChatAnswer(string Text, bool Truncated);
