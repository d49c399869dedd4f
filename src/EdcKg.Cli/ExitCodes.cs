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
    /// The run is incomplete: it finished, but some documents or chunks are unfinished because their model requests kept
    /// failing (or an input file could not be read and was skipped); they are listed, recorded in the run store, and
    /// running the same command again retries them.
    /// </summary>
    public const int DocumentsFailed = 3;

    /// <summary>
    /// The run's outputs are all saved, but writing the graph to Neo4j failed; <c>edckg export neo4j</c> writes it later.
    /// </summary>
    public const int Neo4jFailed = 4;

    /// <summary>The run was interrupted (Ctrl-C); running the same command again resumes it.</summary>
    public const int Interrupted = 130;
}
