namespace EdcKg.Cli.Tests;

public sealed class ConfigFileTests : IDisposable
{
    private readonly string folder = CliRunner.TempDirectory();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ConfiguredOptionsAreAddedUnlessGivenOnTheCommandLine()
    {
        var path = Write("""{"run": {"oie-llm": "from-config.gguf", "parallelism": 32, "enrich-schema": true, "sc-top-k": 3, "input-text-file-path": "corpus.txt"}}""");

        var parsed = ConfigFile.Parse(Program.BuildRootCommand(), ["run", "--config", path, "--sc-top-k", "7"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal(7, parsed.GetValue<int>("--sc-top-k"));
        Assert.Equal("from-config.gguf", parsed.GetValue<string?>("--oie-llm"));
        Assert.Equal(32, parsed.GetValue<int>("--parallelism"));
        Assert.True(parsed.GetValue<bool>("--enrich-schema"));
        Assert.Equal("corpus.txt", parsed.GetValue<string>("--input-text-file-path"));
        Assert.Equal(10, parsed.GetValue<int>("--sr-top-k"));
    }

    [Fact]
    public void AnUnknownKeyIsAnErrorNamingTheFile()
    {
        var path = Write("""{"run": {"oie-lm": "typo.gguf"}}""");
        var error = Assert.Throws<ConfigFileException>(() => ConfigFile.Parse(Program.BuildRootCommand(), ["run", "--config", path]));
        Assert.Contains(path, error.Message);
        Assert.Contains("oie-lm", error.Message);
    }

    [Fact]
    public void InvalidJsonIsReportedWithTheLine()
    {
        var path = Write("{\n\"run\": {\n\"oie-llm\": }\n}");
        var error = Assert.Throws<ConfigFileException>(() => ConfigFile.Parse(Program.BuildRootCommand(), ["run", "--config", path]));
        Assert.StartsWith(path + ":3:", error.Message);
    }

    [Fact]
    public void AConfiguredValueIsCheckedByTheOptionsOwnValidator()
    {
        var path = Write("""{"run": {"sc-top-k": 0}}""");
        var error = Assert.Throws<ConfigFileException>(() => ConfigFile.Parse(Program.BuildRootCommand(), ["run", "--config", path, "--input-text-file-path", "x.txt"]));
        Assert.StartsWith(path + ": \"sc-top-k\":", error.Message);
        Assert.Contains("--sc-top-k must be at least 1", error.Message);
    }

    [Fact]
    public void ASubcommandsSectionIsKeyedByItsPath()
    {
        var path = Write("""{"export cypher": {"batch-size": 7, "run": "out"}}""");
        var parsed = ConfigFile.Parse(Program.BuildRootCommand(), ["export", "cypher", "--config", path, "--out", "g.cypher"]);
        Assert.Empty(parsed.Errors);
        Assert.Equal(7, parsed.GetValue<int>("--batch-size"));
        Assert.Equal("out", parsed.GetValue<string>("--run"));
    }

    [Fact]
    public async Task AConfigFileThatDoesNotExistIsBadInput()
    {
        var missing = Path.Combine(folder, "missing.json");
        var (code, _, error) = await CliRunner.RunAsync("run", "--config", missing, "--input-text-file-path", "x.txt");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"edckg: error: {missing}: configuration file not found", error);
    }

    private string Write(string json)
    {
        var path = Path.Combine(folder, "edckg.json");
        File.WriteAllText(path, json);
        return path;
    }
}
