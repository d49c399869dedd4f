namespace EdcKg.Core.Pipeline;

/// <summary>Receives the progress of a run: one reporter shows it (a live display when interactive, plain lines otherwise).</summary>
public interface IRunProgress
{
    /// <summary>A stage starts over <paramref name="total"/> documents, <paramref name="alreadyDone"/> of which a previous run finished.</summary>
    IStageProgress BeginStage(string stage, int iteration, int total, int alreadyDone);
}
