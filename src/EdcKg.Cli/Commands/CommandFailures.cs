using System.Net.Http;
using EdcKg.Cli.Console;
using EdcKg.Cli.Models;
using EdcKg.Core;
using EdcKg.Core.Pipeline;
using EdcKg.Neo4j.QueryApi;
using EdcKg.OpenAi;

namespace EdcKg.Cli.Commands;

/// <summary>
/// What every command's errors become, in one place: an interruption is exit code 130; an
/// <see cref="EdcKgUserException"/> (and nothing else) is bad input, exit code 2, with its message; a failure
/// outside the input (a backend, the network, the disk) is exit code 1 with its message; anything else is a bug:
/// exit code 1 with the stack trace.
/// </summary>
internal static class CommandFailures
{
    /// <summary>Reports <paramref name="error"/> on <paramref name="console"/> and returns its exit code.</summary>
    /// <param name="error">What the command threw.</param>
    /// <param name="console">Where the message goes.</param>
    /// <param name="hint">What the command's user can do after an interruption or failure (e.g. how to resume), or null.</param>
    /// <param name="cancellationToken">The command's token: a cancellation it requested is an interruption.</param>
    public static int Report(Exception error, CommandConsole console, string? hint, CancellationToken cancellationToken)
    {
        var suffix = hint is null ? string.Empty : " " + hint;
        switch (error)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                console.Error.WriteLine("edckg: interrupted." + suffix);
                return ExitCodes.Interrupted;
            case EdcKgUserException:
                console.Fail(error.Message);
                return ExitCodes.BadInput;
            case ModelUnavailableException or RemoteEndpointException or EdcKg.LlamaCpp.LlamaException or Neo4jQueryException or DownloadException or HttpRequestException or IOException:
                console.Fail(error.Message.TrimEnd('.') + "." + suffix);
                return ExitCodes.Failure;
            default:
                console.Fail($"{error.Message} (an unexpected error: a bug in edckg; please report it with the details below)");
                console.Error.WriteLine(error.ToString());
                return ExitCodes.Failure;
        }
    }
}
