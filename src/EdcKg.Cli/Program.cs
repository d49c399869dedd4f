using System.CommandLine;
using EdcKg.Cli.Commands;

namespace EdcKg.Cli;

/// <summary>Entry point of the <c>edckg</c> command-line tool.</summary>
public static class Program
{
    /// <summary>Builds the command tree: one command per file under <c>Commands/</c>.</summary>
    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("EdcKg: turn a text corpus into a knowledge graph with Extract-Define-Canonicalize (EDC, EDC+R).");
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Runs the CLI.</summary>
    public static Task<int> Main(string[] args) => BuildRootCommand().Parse(args).InvokeAsync();
}
