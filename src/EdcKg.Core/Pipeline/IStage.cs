namespace EdcKg.Core.Pipeline;

/// <summary>
/// One paper stage: a name under which its outputs are stored, and one call that turns one item's input (a chunk of a
/// document with what earlier stages produced for it) into its output. A stage holds no run state: the scheduler owns
/// batching, resume, caching and corpus order, and commits each output to the run store as soon as it is returned.
/// </summary>
/// <typeparam name="TInput">What the stage needs for one item.</typeparam>
/// <typeparam name="TOutput">What it produces for that item (stored as JSON in the run store).</typeparam>
public interface IStage<in TInput, TOutput>
{
    /// <summary>The name under which outputs are stored (<see cref="Storage.StageName"/>).</summary>
    string Name { get; }

    /// <summary>Runs the stage on one item. A model that stays unavailable surfaces as <see cref="ModelUnavailableException"/>.</summary>
    Task<TOutput> InvokeAsync(TInput input, CancellationToken cancellationToken);
}
