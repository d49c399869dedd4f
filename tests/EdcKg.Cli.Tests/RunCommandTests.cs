namespace EdcKg.Cli.Tests;

public sealed class RunCommandTests
{
    [Fact]
    public async Task AMissingCorpusFailsWithItsPathAndExitCodeTwo()
    {
        var (code, _, error) = await CliRunner.RunAsync("run", "--input-text-file-path", "/no/such/corpus.txt", "--oie-llm", "m.gguf", "--sc-embedder", "e5");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("/no/such/corpus.txt: input file or folder not found", error);
    }

    [Fact]
    public async Task AMalformedSchemaRowIsReportedWithItsLine()
    {
        using var folder = CliRunner.TempDirectory();
        var schema = Path.Combine(folder, "schema.csv");
        File.WriteAllText(schema, "a,ok\nb,one,two\n");
        var output = Path.Combine(folder, "out");
        var (code, _, error) = await CliRunner.RunAsync("run", "--input-text-file-path", Path.Combine(CliRunner.SharedEdc, "datasets", "example.txt"), "--target-schema-path", schema, "--oie-llm", "m.gguf", "--sc-embedder", "e5", "--output-dir", output);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(schema + ":2:", error);
        Assert.False(Directory.Exists(output), "nothing is written for bad input");
    }

    [Fact]
    public async Task AnUnknownPromptPlaceholderIsReportedWithTheTemplateFile()
    {
        using var folder = CliRunner.TempDirectory();
        var template = Path.Combine(folder, "oie.txt");
        File.WriteAllText(template, "Text: {text_input}");
        var (code, _, error) = await CliRunner.RunAsync("run", "--input-text-file-path", Path.Combine(CliRunner.SharedEdc, "datasets", "example.txt"), "--oie-prompt-template-file-path", template, "--oie-llm", "m.gguf", "--sc-embedder", "e5");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(template, error);
        Assert.Contains("{text_input}", error);
    }

    [Fact]
    public async Task ANumericOptionOutOfRangeNamesTheOption()
    {
        var (code, _, error) = await CliRunner.RunAsync("run", "--input-text-file-path", "x.txt", "--oie-llm", "m.gguf", "--sc-embedder", "e5", "--sc-top-k", "0");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--sc-top-k must be at least 1", error);
    }

    [Fact]
    public async Task AModelThatCannotBeOpenedNamesTheOption()
    {
        using var temp = CliRunner.TempDirectory();
        var (code, _, error) = await CliRunner.RunAsync("run", "--input-text-file-path", Path.Combine(CliRunner.SharedEdc, "datasets", "example.txt"), "--oie-llm", "not-a-model", "--sc-embedder", "e5", "--output-dir", Path.Combine(temp, "o"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--oie-llm", error);
    }

    [Fact]
    public async Task MissingRequiredOptionsAreRejectedByTheParser()
    {
        var (code, _, error) = await CliRunner.RunAsync("run");
        Assert.NotEqual(ExitCodes.Success, code);
        Assert.Contains("--input-text-file-path", error);
    }
}
