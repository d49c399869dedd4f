namespace EdcKg.Core.Stages;

/// <summary>What entity extraction or entity merging produced for one item.</summary>
/// <param name="Entities">The entities, as the answer lists them.</param>
/// <param name="Truncated">Whether the answer stopped at the token limit (its list may be cut).</param>
public sealed record EntityListOutput(IReadOnlyList<string> Entities, bool Truncated);
