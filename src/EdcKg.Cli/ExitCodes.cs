namespace EdcKg.Cli;

/// <summary>The process exit codes of every command, in one place.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command failed for a reason outside the input (a backend failed, an I/O error).</summary>
    public const int Failure = 1;

    /// <summary>The command line or an input file is invalid; the message names the option, file or line.</summary>
    public const int BadInput = 2;

    /// <summary>
    /// The run finished, but some documents are unfinished because their model requests kept failing; they are listed,
    /// recorded in the run store, and running the same command again retries them.
    /// </summary>
    public const int DocumentsFailed = 3;

    /// <summary>The run was interrupted (Ctrl-C); running the same command again resumes it.</summary>
    public const int Interrupted = 130;
}
