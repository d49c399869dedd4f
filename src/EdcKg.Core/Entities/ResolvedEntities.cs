namespace EdcKg.Core.Entities;

/// <summary>The entities of a run's last resolved iteration with the decisions that made them, for exporters.</summary>
/// <param name="Iteration">The iteration they were resolved in.</param>
/// <param name="Entities">The entities.</param>
/// <param name="Decisions">Every decision of that iteration, in sequence order.</param>
/// <param name="Assignments">The entity id of each mention, by <see cref="EntityMention.Key"/>.</param>
public sealed record ResolvedEntities(
    int Iteration,
    IReadOnlyList<ResolvedEntity> Entities,
    IReadOnlyList<EntityDecision> Decisions,
    IReadOnlyDictionary<string, string> Assignments)
{
    /// <summary>The decisions about each entity's mentions, by entity id (decisions about mentions no longer there left out).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<EntityDecision>> DecisionsByEntity()
        => Decisions
            .Where(d => Assignments.ContainsKey(d.Mention.Key))
            .GroupBy(d => Assignments[d.Mention.Key], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<EntityDecision>)g.ToList(), StringComparer.Ordinal);
}
