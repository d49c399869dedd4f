namespace EdcKg.Cli.Models;

/// <summary>A model file could not be downloaded; <see cref="Kind"/> says whether running again can help.</summary>
public sealed class DownloadException(DownloadFailureKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Why the download failed.</summary>
    public DownloadFailureKind Kind { get; } = kind;
}
