using EdcKg.Core.Domain;

namespace EdcKg.Core.Stages;

/// <summary>The decision of target alignment, and the query embedding of the definition when one was computed.</summary>
public sealed record AlignmentOutcome(CanonicalizationDecision Decision, ReadOnlyMemory<float>? QueryEmbedding)
{
    /// <summary>Whether the verifier's answer stopped at the token limit.</summary>
    public bool Truncated { get; init; }
}
