using System.Globalization;

namespace EdcKg.Cli.Models;

/// <summary>A download's progress as one line of text.</summary>
public static class DownloadProgressLine
{
    /// <summary>The line for <paramref name="progress"/>: bytes so far, share, rate and time left.</summary>
    public static string Of(DownloadProgress progress)
    {
        var eta = progress.Remaining is { } left ? $", ETA {(int)left.TotalHours:D2}:{left.Minutes:D2}:{left.Seconds:D2}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"models: {progress.File.Name}: {progress.Bytes / 1048576.0:F1} of {progress.File.Size / 1048576.0:F1} MiB ({100.0 * progress.Bytes / progress.File.Size:F0}%), {progress.BytesPerSecond / 1048576.0:F2} MiB/s{eta}");
    }
}
