namespace EdcKg.Cli.Models;

/// <summary>How far a file's download has come.</summary>
/// <param name="File">The file being downloaded.</param>
/// <param name="Bytes">Bytes on disk so far (including what an earlier, interrupted run left).</param>
/// <param name="BytesPerSecond">The rate of this run so far.</param>
/// <param name="Remaining">The estimated time left, or null while the rate is unknown.</param>
public sealed record DownloadProgress(CatalogFile File, long Bytes, double BytesPerSecond, TimeSpan? Remaining);
