namespace EdcKg.Core.Pipeline;

/// <summary>A progress reporter that shows nothing (library use, benchmarks).</summary>
public sealed class SilentProgress : IRunProgress, IStageProgress
{
    /// <inheritdoc />
    public IStageProgress BeginStage(string stage, int iteration, int total, int alreadyDone) => this;

    /// <inheritdoc />
    public void Advance()
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
