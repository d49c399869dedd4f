namespace EdcKg.Cli.Tests;

public sealed class RunNeo4jOptionTests
{
    [Fact]
    public async Task Run_rejects_a_bolt_neo4j_address_before_opening_any_model()
    {
        using var temp = CliRunner.TempDirectory();
        var (code, _, error) = await CliRunner.RunAsync(
            "run", "--input-text-file-path", Path.Combine(CliRunner.SharedEdc, "datasets", "example.txt"), "--oie-llm", "not-a-model", "--sc-embedder", "e5",
            "--output-dir", Path.Combine(temp, "o"), "--neo4j-uri", "bolt://localhost:7687");

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

    [Fact]
    public async Task Run_whose_neo4j_server_is_down_saves_its_outputs_and_ends_with_exit_code_four()
    {
        using var folder = CliRunner.TempDirectory();
        try
        {
            var model = Path.Combine(folder, "tiny.gguf");
            TestModels.TinyLlamaGguf.Write(model);
            var embedder = Path.Combine(folder, "tiny-bert.gguf");
            TestModels.TinyBertGguf.Write(embedder);
            var corpus = CliRunner.WriteCorpus(folder, ["Clara Mendel was born in Graz.", "Leon Ash produced Quiet Harbour."]);
            var output = Path.Combine(folder, "out");
            using var refusing = TestModels.LoopbackHttpServer.ClosedPort(out var closed);

            var (code, stdout, error) = await CliRunner.InvokeAsync(
                "run", "--input-text-file-path", corpus, "--oie-llm", model, "--sc-embedder", embedder, "--output-dir", output,
                "--threads", "1", "--context-size", "4096", "--neo4j-uri", $"http://127.0.0.1:{closed}", "--neo4j-max-retries", "0");

            Assert.True(code == ExitCodes.Neo4jFailed, $"exit code {code}: {error}");
            Assert.Equal(2, File.ReadAllLines(Path.Combine(output, "iter0", "canon_kg.txt")).Length);
            Assert.True(File.Exists(Path.Combine(output, "iter0", "result_at_each_stage.json")));
            Assert.Contains("2 documents", stdout);
            Assert.Contains("edckg: error: writing the graph to Neo4j failed", error);
            Assert.Contains($"edckg export neo4j --run {output}", error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
