using System.CommandLine;
using System.CommandLine.Invocation;
using EdcKg.Cli.Commands;
using EdcKg.Cli.Console;

namespace EdcKg.Cli;

/// <summary>Entry point of the <c>edckg</c> command-line tool.</summary>
public static class Program
{
    /// <summary>Builds the command tree: one command per file under <c>Commands/</c>.</summary>
    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("""
            EdcKg: turn a text corpus into a knowledge graph with Extract-Define-Canonicalize (EDC, EDC+R).

            First run (downloads the default models on first use):  ./edckg run --input-text-file-path corpus/ --output-dir out

            Defaults for any command's options can be kept in edckg.json ({"run": {"oie-llm": "..."}}) or a file given with --config.
            Exit codes: 0 done, 1 failure (backend, network, bug), 2 bad input, 3 run incomplete (run again to retry),
            4 outputs saved but the Neo4j write failed, 130 interrupted.
            """);
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        ConfigFile.AddOptionTo(root);
        return root;
    }

    /// <summary>Runs the CLI.</summary>
    public static Task<int> Main(string[] args) => RunAsync(args, new InvocationConfiguration());

    /// <summary>
    /// Runs the CLI with <paramref name="configuration"/>'s output and error writers: binds the configuration file,
    /// reports parse errors as bad input (exit code 2), and invokes the command.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, InvocationConfiguration configuration, CancellationToken cancellationToken = default)
    {
        var console = CommandConsole.Of(configuration);
        var root = BuildRootCommand();
        ParseResult parseResult;
        try
        {
            parseResult = ConfigFile.Parse(root, args);
        }
        catch (ConfigFileException e)
        {
            console.Fail(e.Message);
            return ExitCodes.BadInput;
        }

        if (parseResult.Action is ParseErrorAction)
        {
            foreach (var error in parseResult.Errors)
            {
                console.Fail(error.Message);
            }

            var path = ConfigFile.KeyOf(parseResult.CommandResult.Command);
            console.Error.WriteLine($"Run 'edckg {(path.Length > 0 ? path + " " : string.Empty)}--help' for the options.");
            return ExitCodes.BadInput;
        }

        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
