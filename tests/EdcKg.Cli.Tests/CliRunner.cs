using EdcKg.Cli;

namespace EdcKg.Cli.Tests;

/// <summary>Parses and invokes the real command tree, capturing what it writes.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await Program.RunAsync(args, new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Like <see cref="RunAsync"/>, but as the CLI runs in a process: without xunit's synchronization context, which
    /// bounds continuations to its own few threads and so would hold up retries and time out requests to a server.
    /// </summary>
    public static Task<(int ExitCode, string Output, string Error)> InvokeAsync(params string[] args)
        => Task.Run(() => RunAsync(args));

    public static string SharedEdc => TestModels.RepositoryPaths.SharedEdc;

    public static TestModels.TempFolder TempDirectory() => TestModels.RepositoryPaths.TempDirectory();

    public static string WriteCorpus(string folder, IEnumerable<string> lines)
    {
        var path = Path.Combine(folder, "corpus.txt");
        File.WriteAllText(path, string.Join('\n', lines));
        return path;
    }

    public static void AssertSameOutputs(string expected, string actual, int iterations = 1)
    {
        for (var i = 0; i < iterations; i++)
        {
            foreach (var file in new[] { "canon_kg.txt", "result_at_each_stage.json", "triples.jsonl" })
            {
                Assert.Equal(File.ReadAllText(Path.Combine(expected, "iter" + i, file)), File.ReadAllText(Path.Combine(actual, "iter" + i, file)));
            }
        }
    }
}
