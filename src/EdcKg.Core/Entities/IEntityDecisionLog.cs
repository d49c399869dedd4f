namespace EdcKg.Core.Entities;

/// <summary>
/// Where entity-resolution decisions are kept as they are taken, so that a killed or repeated run replays them
/// instead of asking again (the run store's <see cref="Storage.EntityStore"/>, or memory).
/// </summary>
public interface IEntityDecisionLog
{
    /// <summary>The decisions of <paramref name="iteration"/> in sequence order.</summary>
    Task<IReadOnlyList<EntityDecision>> LoadAsync(int iteration, CancellationToken cancellationToken);

    /// <summary>Keeps <paramref name="decision"/>; completes once it is durable.</summary>
    Task AppendAsync(int iteration, EntityDecision decision, CancellationToken cancellationToken);
}
