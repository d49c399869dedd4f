namespace EdcKg.Cli.Tests;

public sealed class RunNeo4jOptionTests
{
    [Fact]
    public async Task Run_rejects_a_bolt_neo4j_address_before_opening_any_model()
    {
        var (code, _, error) = await CliRunner.RunAsync(
            "run", "--input-text-file-path", Path.Combine(CliRunner.SharedEdc, "datasets", "example.txt"), "--oie-llm", "not-a-model", "--sc-embedder", "e5",
            "--output-dir", Path.Combine(CliRunner.TempDirectory(), "o"), "--neo4j-uri", "bolt://localhost:7687");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--neo4j-uri: 'bolt://localhost:7687' is not an http:// or https:// address", error);
        Assert.DoesNotContain("--oie-llm", error);
    }

    [Fact]
    public async Task Run_rejects_a_neo4j_batch_size_below_one()
    {
        var (code, _, error) = await CliRunner.RunAsync(
            "run", "--input-text-file-path", Path.Combine(CliRunner.SharedEdc, "datasets", "example.txt"), "--oie-llm", "m.gguf", "--sc-embedder", "e5",
            "--neo4j-uri", "http://localhost:7474", "--neo4j-batch-size", "0");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--neo4j-batch-size must be at least 1", error);
    }
}
