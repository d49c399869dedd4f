namespace EdcKg.Core.Entities;

/// <summary>What entity resolution works on: one iteration's mentions in corpus order.</summary>
/// <param name="Iteration">The EDC iteration the mentions come from.</param>
/// <param name="Mentions">The mentions, in corpus order (<see cref="EntityMentions.Collect"/>).</param>
public sealed record EntityResolutionInput(int Iteration, IReadOnlyList<EntityMention> Mentions)
{
    /// <summary>
    /// Names each mention (by <see cref="EntityMention.Key"/>) must not be merged with: a reviewer split it off the
    /// entity of that name. The entity is not offered to the model, and the decision records it as different.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? KeptApart { get; init; }

    /// <summary>Advanced once per mention decided (replayed ones are counted as already done); optional.</summary>
    public Pipeline.IStageProgress? Progress { get; init; }
}
