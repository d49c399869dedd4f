using System.CommandLine;
using EdcKg.Cli.Console;

namespace EdcKg.Cli.Commands;

/// <summary>
/// The one path a command's work runs through: it gets the console, runs the body, and turns whatever the body
/// throws into a message and an exit code with <see cref="CommandFailures"/>. Every command sets its action here.
/// </summary>
internal static class CommandAction
{
    /// <summary>Makes <paramref name="body"/> the action of <paramref name="command"/>.</summary>
    /// <param name="command">The command.</param>
    /// <param name="body">The work: returns the exit code of an outcome it reports itself (success, an incomplete run).</param>
    /// <param name="hint">What to tell the user after an interruption or a failure, e.g. how to resume; null for nothing.</param>
    public static Command Set(Command command, Func<ParseResult, CommandConsole, CancellationToken, Task<int>> body, string? hint = null)
    {
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.Of(parseResult);
            try
            {
                return await body(parseResult, console, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                return CommandFailures.Report(e, console, hint, cancellationToken);
            }
        });
        return command;
    }
}
