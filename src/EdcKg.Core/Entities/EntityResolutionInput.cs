namespace EdcKg.Core.Entities;

/// <summary>What entity resolution works on: one iteration's mentions in corpus order.</summary>
/// <param name="Iteration">The EDC iteration the mentions come from.</param>
/// <param name="Mentions">The mentions, in corpus order (<see cref="EntityMentions.Collect"/>).</param>
public sealed record EntityResolutionInput(int Iteration, IReadOnlyList<EntityMention> Mentions);
