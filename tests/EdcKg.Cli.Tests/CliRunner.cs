namespace EdcKg.Cli.Tests;

/// <summary>Invokes the real command tree with captured output, and finds test folders.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        // Run as the CLI runs, without xunit's synchronization context (which bounds continuations to its own few
        // threads and so would hold up retries and time out requests that a real process answers in time).
        var exitCode = await Task.Run(() => Program.BuildRootCommand().Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error }));
        return (exitCode, output.ToString(), error.ToString());
    }

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "edckg-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

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
