using TestModels;

namespace EdcKg.Cli.Tests.Update;

/// <summary><c>edckg run --update</c> through the command: the summary first, only the changed files asked about, a changed corpus refused without it.</summary>
public sealed class RunUpdateTests
{
    [Fact]
    public async Task Run_update_on_a_changed_folder_prints_the_summary_and_asks_only_about_the_changed_and_new_files()
    {
        using var root = new TempFolder();
        var corpus = root.Combine("corpus");
        Directory.CreateDirectory(corpus);
        File.WriteAllText(Path.Combine(corpus, "a.txt"), "Alice works_for Acme. Acme located_in Paris.");
        File.WriteAllText(Path.Combine(corpus, "b.txt"), "Bob works_for Initech. Bob born_in Lyon.");
        File.WriteAllText(Path.Combine(corpus, "c.txt"), "Carol works_for Globex.");
        var output = root.Combine("out");
        await using var stub = new OpenAiStub();
        string[] Run(params string[] extra) =>
            ["run", "--input-text-file-path", corpus, "--oie-llm", "scripted-llm", "--sc-embedder", "hashing-embedder", "--output-dir", output, "--llm-endpoint", stub.Endpoints.First(), .. extra];

        var (code, _, error) = await CliRunner.InvokeAsync(Run());
        Assert.True(code == ExitCodes.Success, $"exit {code}: {error}");

        File.WriteAllText(Path.Combine(corpus, "b.txt"), "Bob works_for Umbrella. Bob born_in Nice.");
        File.Delete(Path.Combine(corpus, "c.txt"));
        File.WriteAllText(Path.Combine(corpus, "d.txt"), "Dave works_for Hooli.");

        (code, _, error) = await CliRunner.InvokeAsync(Run());
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--update", error);

        var before = stub.Log.Count;
        (code, var stdout, error) = await CliRunner.InvokeAsync(Run("--update"));
        Assert.True(code == ExitCodes.Success, $"exit {code}: {error}");
        Assert.Contains("Update: 1 unchanged, 1 changed, 1 new, 1 removed.", stdout);
        var asked = stub.Log.Skip(before).Where(e => e.Path.EndsWith("chat/completions", StringComparison.Ordinal)).Select(e => e.Key).ToList();
        Assert.NotEmpty(asked);
        Assert.DoesNotContain(asked, p => p.Contains("Alice", StringComparison.Ordinal));
        Assert.Contains(asked, p => p.Contains("Hooli", StringComparison.Ordinal));
        var lines = File.ReadAllLines(Path.Combine(output, "iter0", "canon_kg.txt"));
        Assert.Equal(3, lines.Length);
        Assert.Contains("Umbrella", lines[1], StringComparison.Ordinal);
    }
}
