namespace EdcKg.Core.Pipeline;

/// <summary>The output folder holds a run whose inputs or options differ from the ones given; the message lists them.</summary>
public sealed class RunMismatchException(string message) : EdcKgUserException(message);
