using System.CommandLine;
using EdcKg.Cli.Commands;

namespace EdcKg.Cli;

/// <summary>Entry point of the <c>edckg</c> command-line tool.</summary>
public static class Program
{
    /// <summary>Builds the command tree: one command per file under <c>Commands/</c>.</summary>
    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("EdcKg: turn a text corpus into a knowledge graph with Extract-Define-Canonicalize (EDC, EDC+R).\nDefaults for any command's options can be kept in edckg.json ({\"run\": {\"oie-llm\": \"...\"}}) or a file given with --config.");
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Runs the CLI.</summary>
    public static async Task<int> Main(string[] args)
    {
        var root = BuildRootCommand();
        try
        {
            args = ConfigFile.Apply(args, root);
        }
        catch (ConfigFileException e)
        {
            await System.Console.Error.WriteLineAsync("edckg: error: " + e.Message).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}
