namespace EdcKg.Cli.Tests.Update;

/// <summary><c>edckg run --update</c> through the command: the summary first, only the changed files asked about, a changed corpus refused without it.</summary>
public sealed class RunUpdateTests
{
    [Fact]
    public async Task Run_update_on_a_changed_folder_prints_the_summary_and_asks_only_about_the_changed_and_new_files()
    {
        await using var run = new StubbedFolderRun();
        run.Write("a.txt", "Alice works_for Acme. Acme located_in Paris.");
        run.Write("b.txt", "Bob works_for Initech. Bob born_in Lyon.");
        run.Write("c.txt", "Carol works_for Globex.");

        var (code, _, error) = await run.RunAsync();
        Assert.True(code == ExitCodes.Success, $"exit {code}: {error}");

        run.Write("b.txt", "Bob works_for Umbrella. Bob born_in Nice.");
        run.Delete("c.txt");
        run.Write("d.txt", "Dave works_for Hooli.");

        (code, _, error) = await run.RunAsync();
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--update", error);

        var before = run.Stub.Log.Count;
        (code, var stdout, error) = await run.RunAsync("--update");
        Assert.True(code == ExitCodes.Success, $"exit {code}: {error}");
        Assert.Contains("Update: 1 unchanged, 1 changed, 1 new, 1 removed.", stdout);
        var asked = run.Stub.Log.Skip(before).Where(e => e.Path.EndsWith("chat/completions", StringComparison.Ordinal)).Select(e => e.Key).ToList();
        Assert.NotEmpty(asked);
        Assert.DoesNotContain(asked, p => p.Contains("Alice", StringComparison.Ordinal));
        Assert.Contains(asked, p => p.Contains("Hooli", StringComparison.Ordinal));
        var lines = File.ReadAllLines(Path.Combine(run.Output, "iter0", "canon_kg.txt"));
        Assert.Equal(3, lines.Length);
        Assert.Contains("Umbrella", lines[1], StringComparison.Ordinal);
    }
}
