using System.CommandLine;
using EdcKg.Cli;
using TestModels;

namespace EdcKg.Cli.Tests;

public sealed class ExperimentCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("edckg-experiment-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Config(string json)
    {
        var path = Path.Combine(_folder.FullName, "experiment.json");
        File.WriteAllText(path, json);
        return path;
    }

    private async Task<(int ExitCode, string Error)> Run(string config, string benchmark = "rebel")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] args = ["experiment", "--data-dir", RepositoryPaths.SharedEdc, "--benchmark", benchmark, "--limit", "2", "--config", config, "--output-dir", Path.Combine(_folder.FullName, "out")];
        var exitCode = await Program.RunAsync(args, new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, error.ToString());
    }

    [Fact]
    public async Task Configuration_without_a_model_is_refused_naming_the_file_and_entry()
    {
        var config = Config("""{"configurations": [{"name": "a", "oie_llm": "m.gguf", "sc_embedder": "e"}, {"name": "b", "sc_embedder": "e"}]}""");

        var (exitCode, error) = await Run(config);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains($"--config {config}: configuration 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_configuration_key_is_refused()
    {
        var config = Config("""{"configurations": [{"name": "a", "oie_llm": "m.gguf", "sc_embedder": "e", "top_k": 3}]}""");

        var (exitCode, error) = await Run(config);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("top_k", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_benchmark_names_the_missing_dataset_file()
    {
        var config = Config("""{"configurations": [{"name": "a", "oie_llm": "m.gguf", "sc_embedder": "e"}]}""");

        var (exitCode, error) = await Run(config, benchmark: "no-such-benchmark");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains(Path.Combine("datasets", "no-such-benchmark.txt"), error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_model_file_is_refused_before_any_run()
    {
        var config = Config("""{"configurations": [{"name": "a", "oie_llm": "missing-model.gguf", "sc_embedder": "missing-embedder"}]}""");

        var (exitCode, error) = await Run(config);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("missing-model.gguf", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder.FullName, "out", "a")));
    }
}
