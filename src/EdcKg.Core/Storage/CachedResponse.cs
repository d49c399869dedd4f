namespace EdcKg.Core.Storage;

/// <summary>A finished LLM response from the run store's cache.</summary>
/// <param name="Text">The answer.</param>
/// <param name="FinishReason">Why generation ended, as <c>ChatFinishReason.Value</c> ("stop", "length", ...); null for answers cached before reasons were kept.</param>
public sealed record CachedResponse(string Text, string? FinishReason);
