using System.CommandLine;
using System.Net;
using EdcKg.Review;

namespace EdcKg.Cli.Commands;

/// <summary><c>edckg serve RUN_DIR</c>: the review page over a run, where a person checks and corrects its decisions.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run-dir") { Description = "The run's output folder (the --output-dir of edckg run)." };
        var port = new Option<int>("--port") { Description = "The port to serve on (0: any free port).", DefaultValueFactory = _ => ReviewOptions.DefaultPort };
        var host = new Option<string>("--host") { Description = "The address to bind. The default serves this machine only; another address makes the run and its corrections reachable from the network.", DefaultValueFactory = _ => ReviewOptions.DefaultHost };
        var user = new Option<string>("--user") { Description = "The name corrections are recorded under (default: the operating system's user name)." };
        var command = new Command("serve", """
            Serve a review page for a run in the browser: an overview, the graph (search an entity, expand its
            neighbourhood), each document with its triples' spans, and every canonicalization decision with its
            candidates and scores. Corrections made there (another relation, keep the open relation, drop a triple,
            merge or split entities, undo) are stored in the run store with who and when, and every output file is
            rewritten with them; later runs, resumes and exports keep them. Stop with Ctrl+C.

            Example:
              edckg serve output/example --user alice      (then open http://127.0.0.1:5173/)
            """);
        command.Arguments.Add(run);
        command.Options.Add(port);
        command.Options.Add(host);
        command.Options.Add(user);
        return CommandAction.Set(command, async (parseResult, console, cancellationToken) =>
        {
            var options = new ReviewOptions(parseResult.GetValue(run)!, parseResult.GetValue(host)!, parseResult.GetValue(port), parseResult.GetValue(user) ?? string.Empty);
            if (!Directory.Exists(options.RunDirectory))
            {
                throw new OptionValueException("run-dir", $"{options.RunDirectory}: no such folder.");
            }

            if (options.Port is < 0 or > 65535)
            {
                throw new OptionValueException("--port", $"--port must be from 0 to 65535 (got {options.Port}).");
            }

            if (!string.Equals(options.Host, "localhost", StringComparison.OrdinalIgnoreCase) && !IPAddress.TryParse(options.Host.Trim('[', ']'), out _))
            {
                throw new OptionValueException("--host", $"--host must be an IP address or localhost (got '{options.Host}').");
            }

            await using var server = await ReviewServer.StartAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false);
            console.Output.WriteLine($"Reviewing {Path.GetFullPath(options.RunDirectory)} at {server.Address} (corrections recorded as {options.EffectiveUser}). Stop with Ctrl+C.");
            await server.RunUntilCancelledAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
    }
}
