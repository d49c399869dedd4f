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

    public static string SharedEdc { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "edc"));

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "edckg-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EdcKg.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("EdcKg.sln not found.");
    }
}
