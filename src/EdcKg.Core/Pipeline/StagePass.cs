using EdcKg.Core.Storage;

namespace EdcKg.Core.Pipeline;

/// <summary>One stage over a list of items in one iteration, as <see cref="StageScheduler"/> runs it.</summary>
/// <typeparam name="TInput">The stage's input.</typeparam>
/// <typeparam name="TOutput">The stage's output.</typeparam>
/// <param name="Iteration">The iteration (0, or a refinement iteration).</param>
/// <param name="Stage">The stage.</param>
/// <param name="Items">The items to run it on, in corpus order (those whose inputs are there).</param>
/// <param name="Input">Builds one item's input from what earlier stages produced for it.</param>
public sealed record StagePass<TInput, TOutput>(int Iteration, IStage<TInput, TOutput> Stage, IReadOnlyList<WorkItem> Items, Func<WorkItem, TInput> Input)
{
    /// <summary>Adds to the transaction that stores one item's output (schema relations it added, for instance).</summary>
    public Action<WorkItem, TOutput, PendingWrite>? AlsoWrite { get; init; }

    /// <summary>Called after one item's output is stored (not for outputs a previous run stored).</summary>
    public Func<WorkItem, TOutput, Task>? Committed { get; init; }
}
