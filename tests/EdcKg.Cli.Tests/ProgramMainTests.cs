namespace EdcKg.Cli.Tests;

/// <summary>
/// The CLI as a process runs it: through <see cref="Program.Main"/>, with the process's own standard output and
/// error (captured here, so these tests do not run in parallel with others that might write to the console).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ProgramMainTests : IDisposable
{
    private readonly string folder = CliRunner.TempDirectory();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Main_experiment_config_is_the_experiments_plan_not_the_defaults_file()
    {
        // The example of experiment's own --help: its --config is the experiment plan.
        var plan = Path.Combine(folder, "experiment.json");
        File.WriteAllText(plan, """{"configurations": [{"name": "a", "oie_llm": "missing-model.gguf", "sc_embedder": "missing-embedder"}]}""");

        var (code, _, error) = await MainAsync("experiment", "--data-dir", CliRunner.SharedEdc, "--benchmark", "rebel", "--limit", "2", "--config", plan, "--output-dir", Path.Combine(folder, "out"));

        Assert.DoesNotContain("is required", error);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("edckg: error: ", error);
        Assert.Contains("missing-model.gguf", error);
    }

    [Fact]
    public async Task Main_reports_parse_errors_as_bad_input_with_the_tools_prefix()
    {
        var (code, _, error) = await MainAsync("run", "--input-text-file-path", "x.txt", "--sc-top-k", "0");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("edckg: error: --sc-top-k must be at least 1 (got 0).", error);
        Assert.Contains("Run 'edckg run --help'", error);
    }

    [Fact]
    public async Task Main_help_lists_a_one_line_first_run()
    {
        var (code, output, _) = await MainAsync("--help");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("./edckg run --input-text-file-path corpus/ --output-dir out", output);
    }

    private static async Task<(int Code, string Output, string Error)> MainAsync(params string[] args)
    {
        var (outBefore, errorBefore) = (System.Console.Out, System.Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        System.Console.SetOut(output);
        System.Console.SetError(error);
        try
        {
            var code = await Task.Run(() => Program.Main(args));
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            System.Console.SetOut(outBefore);
            System.Console.SetError(errorBefore);
        }
    }
}
