namespace EdcKg.Cli.Models;

/// <summary>Why a download did not finish.</summary>
public enum DownloadFailureKind
{
    /// <summary>The host could not be reached at all (no network, DNS failure, refused connection, timeout).</summary>
    Unreachable,

    /// <summary>The transfer stopped part-way; the partial file is kept and a later run resumes it.</summary>
    Interrupted,

    /// <summary>The downloaded content does not match the catalogue's size or SHA-256; the partial file was deleted.</summary>
    Corrupt,

    /// <summary>The server answered with an error status.</summary>
    ServerError,
}
