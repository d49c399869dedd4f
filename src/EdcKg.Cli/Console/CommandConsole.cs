using System.CommandLine;

namespace EdcKg.Cli.Console;

/// <summary>
/// Where every command writes: standard output for results, standard error for messages and progress. Tests capture
/// both through the invocation configuration.
/// </summary>
public sealed class CommandConsole(TextWriter output, TextWriter error, bool interactive)
{
    /// <summary>Results (what a script would read).</summary>
    public TextWriter Output { get; } = output;

    /// <summary>Messages, warnings, errors and progress.</summary>
    public TextWriter Error { get; } = error;

    /// <summary>Whether a person watches a terminal (live progress bars) rather than a log or a pipe.</summary>
    public bool Interactive { get; } = interactive;

    /// <summary>The console of a parsed command line.</summary>
    public static CommandConsole Of(ParseResult parseResult) => Of(parseResult.InvocationConfiguration);

    /// <summary>The console of an invocation.</summary>
    public static CommandConsole Of(InvocationConfiguration configuration)
    {
        var redirected = !ReferenceEquals(configuration.Output, System.Console.Out) || System.Console.IsErrorRedirected;
        var interactive = !redirected && Environment.GetEnvironmentVariable("CI") is null && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");
        return new CommandConsole(configuration.Output, configuration.Error, interactive);
    }

    /// <summary>The progress display for a run: live bars at a terminal, plain lines otherwise; both on standard error.</summary>
    public EdcKg.Core.Pipeline.IRunProgress CreateProgress()
        => Interactive
            ? new LiveProgress(Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(Error) }))
            : new PlainProgress(Error);

    /// <summary>Writes a message line prefixed with the tool's name (what the command is doing, a warning).</summary>
    public void Note(string message) => Error.WriteLine("edckg: " + message);

    /// <summary>Writes an error line prefixed with the tool's name.</summary>
    public void Fail(string message) => Error.WriteLine("edckg: error: " + message);
}
