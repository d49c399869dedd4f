namespace EdcKg.Core.Pipeline;

/// <summary>Builds <see cref="StagePass{TInput, TOutput}"/>s with the types inferred from the stage.</summary>
public static class StagePasses
{
    /// <summary>The pass of <paramref name="stage"/> in <paramref name="iteration"/> over <paramref name="items"/>.</summary>
    public static StagePass<TInput, TOutput> Over<TInput, TOutput>(this IStage<TInput, TOutput> stage, int iteration, IReadOnlyList<WorkItem> items, Func<WorkItem, TInput> input)
        => new(iteration, stage, items, input);
}
