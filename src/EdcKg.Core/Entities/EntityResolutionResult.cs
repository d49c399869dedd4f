namespace EdcKg.Core.Entities;

/// <summary>The entities of an iteration, every decision that made them, and the entity of each mention.</summary>
/// <param name="Entities">The entities with at least one of the input's mentions, in the order they were created.</param>
/// <param name="Decisions">Every decision in sequence order (replayed ones included).</param>
/// <param name="Assignments">The entity id of each mention, by <see cref="EntityMention.Key"/>.</param>
public sealed record EntityResolutionResult(
    IReadOnlyList<ResolvedEntity> Entities,
    IReadOnlyList<EntityDecision> Decisions,
    IReadOnlyDictionary<string, string> Assignments)
{
    /// <summary>Decisions taken in this invocation (the others were replayed from the log).</summary>
    public int Decided { get; init; }

    /// <summary>Questions put to the model in this invocation (cache hits included).</summary>
    public int Questions { get; init; }

    /// <summary>Entity–mention pairs the blocking reached, summed over the mentions decided in this invocation.</summary>
    public long PairsExamined { get; init; }

    /// <summary>The entity id of the mention of <paramref name="name"/> in document <paramref name="documentId"/>, or null.</summary>
    public string? EntityOf(string documentId, string name) => Assignments.GetValueOrDefault(EntityMention.MentionKey(documentId, name));
}
