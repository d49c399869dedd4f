using EdcKg.Core.Domain;

namespace EdcKg.Core.Storage;

/// <summary>Reads what exporters need from the run store of a finished or partial run.</summary>
public static class RunSnapshotReader
{
    /// <summary>The file name of the run store inside a run's output folder.</summary>
    public const string StoreFileName = "run.edckg.db";

    /// <summary>Reads the snapshot of the run in <paramref name="runDirectory"/>.</summary>
    public static Task<RunSnapshot> ReadAsync(string runDirectory, CancellationToken cancellationToken = default)
        => throw new NotImplementedException("The run store is being built.");
}
