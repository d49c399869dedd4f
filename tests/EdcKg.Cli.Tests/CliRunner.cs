using EdcKg.Cli;

namespace EdcKg.Cli.Tests;

/// <summary>Parses and invokes the real command tree, capturing what it writes.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await Program.BuildRootCommand().Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    public static string SharedEdc => TestModels.RepositoryPaths.SharedEdc;

    public static string TempDirectory() => TestModels.RepositoryPaths.TempDirectory();
}
