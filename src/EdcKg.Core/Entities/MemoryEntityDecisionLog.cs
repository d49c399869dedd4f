namespace EdcKg.Core.Entities;

/// <summary>An <see cref="IEntityDecisionLog"/> in memory: for resolution outside a run (benchmarks, one-off use).</summary>
public sealed class MemoryEntityDecisionLog : IEntityDecisionLog
{
    private readonly Dictionary<int, List<EntityDecision>> decisions = [];

    /// <inheritdoc />
    public Task<IReadOnlyList<EntityDecision>> LoadAsync(int iteration, CancellationToken cancellationToken)
    {
        lock (decisions)
        {
            return Task.FromResult<IReadOnlyList<EntityDecision>>(decisions.TryGetValue(iteration, out var list) ? [.. list] : []);
        }
    }

    /// <inheritdoc />
    public Task AppendAsync(int iteration, EntityDecision decision, CancellationToken cancellationToken)
    {
        lock (decisions)
        {
            if (!decisions.TryGetValue(iteration, out var list))
            {
                decisions[iteration] = list = [];
            }

            list.Add(decision);
        }

        return Task.CompletedTask;
    }
}
