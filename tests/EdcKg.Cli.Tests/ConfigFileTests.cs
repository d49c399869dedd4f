namespace EdcKg.Cli.Tests;

public sealed class ConfigFileTests
{
    [Fact]
    public void ConfiguredOptionsAreAddedUnlessGivenOnTheCommandLine()
    {
        var path = Write("""{"run": {"oie-llm": "from-config.gguf", "parallelism": 32, "enrich-schema": true, "sc-top-k": 3}}""");
        var args = ConfigFile.Apply(["run", "--config", path, "--sc-top-k", "7"], Program.BuildRootCommand());
        Assert.Equal(["run", "--sc-top-k", "7", "--oie-llm", "from-config.gguf", "--parallelism", "32", "--enrich-schema"], args);
    }

    [Fact]
    public void AnUnknownKeyIsAnErrorNamingTheFile()
    {
        var path = Write("""{"run": {"oie-lm": "typo.gguf"}}""");
        var error = Assert.Throws<ConfigFileException>(() => ConfigFile.Apply(["run", "--config", path], Program.BuildRootCommand()));
        Assert.Contains(path, error.Message);
        Assert.Contains("oie-lm", error.Message);
    }

    [Fact]
    public void InvalidJsonIsReportedWithTheLine()
    {
        var path = Write("{\n\"run\": {\n\"oie-llm\": }\n}");
        var error = Assert.Throws<ConfigFileException>(() => ConfigFile.Apply(["run", "--config", path], Program.BuildRootCommand()));
        Assert.StartsWith(path + ":3:", error.Message);
    }

    private static string Write(string json)
    {
        var path = Path.Combine(CliRunner.TempDirectory(), "edckg.json");
        File.WriteAllText(path, json);
        return path;
    }
}
