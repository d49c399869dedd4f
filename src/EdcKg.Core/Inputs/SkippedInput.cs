namespace EdcKg.Core.Inputs;

/// <summary>A file of an input folder that gave no document: its path relative to the folder and why.</summary>
public sealed record SkippedInput(string Source, string Reason)
{
    /// <summary>The line printed in a run's summary: <c>source: reason</c>.</summary>
    public override string ToString() => $"{Source}: {Reason}";
}
