using EdcKg.Core.Inputs;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using EdcKg.Neo4j.Tests;
using TestModels;

namespace EdcKg.Cli.Tests;

public sealed class ExportCommandTests
{
    [Fact]
    public async Task Export_csv_writes_the_import_files_of_a_real_run_folder()
    {
        using var runFolder = CliRunner.TempDirectory();
        var run = await ScriptedRunFolder.WriteAsync(runFolder);
        using var temp = CliRunner.TempDirectory();
        var output = Path.Combine(temp, "import");

        var (code, text, error) = await CliRunner.RunAsync("export", "csv", "--run", run, "--out", output);

        Assert.True(code == ExitCodes.Success, error);
        var snapshot = await RunSnapshotReader.ReadAsync(run);
        Assert.NotEmpty(snapshot.Triples);
        Assert.Equal(snapshot.Triples.Count + 1, File.ReadAllLines(Path.Combine(output, "relationships.csv")).Length);
        Assert.Equal(snapshot.Documents.Count + 1, File.ReadAllLines(Path.Combine(output, "documents.csv")).Length);
        Assert.Contains("neo4j-admin database import full neo4j", text);
        Assert.True(File.Exists(Path.Combine(output, "import-command.txt")));
    }

    [Fact]
    public async Task Export_cypher_writes_a_script_for_cypher_shell()
    {
        using var runFolder = CliRunner.TempDirectory();
        var run = await ScriptedRunFolder.WriteAsync(runFolder);
        using var temp = CliRunner.TempDirectory();
        var path = Path.Combine(temp, "graph.cypher");

        var (code, text, error) = await CliRunner.RunAsync("export", "cypher", "--run", run, "--out", path, "--batch-size", "2");

        Assert.True(code == ExitCodes.Success, error);
        var lines = File.ReadAllLines(path);
        Assert.Contains(lines, l => l.StartsWith("CREATE CONSTRAINT edckg_entity_key IF NOT EXISTS", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("]->(o)", StringComparison.Ordinal));
        Assert.Contains("statements for", text);
    }

    [Fact]
    public async Task Export_neo4j_writes_the_run_over_the_query_api_and_a_second_export_creates_nothing()
    {
        using var runFolder = CliRunner.TempDirectory();
        var run = await ScriptedRunFolder.WriteAsync(runFolder);
        await using var server = new LoopbackQueryApiServer();
        string[] args = ["export", "neo4j", "--run", run, "--neo4j-uri", server.Uri.ToString(), "--neo4j-user", "neo4j", "--neo4j-password", "secret"];

        var (code, text, error) = await CliRunner.RunAsync(args);
        var relationships = server.Relationships;
        var triples = server.TripleRelationships;
        var (again, secondText, _) = await CliRunner.RunAsync(args);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal(ExitCodes.Success, again);
        var snapshot = await RunSnapshotReader.ReadAsync(run);
        Assert.Equal(snapshot.Triples.Count, triples);
        Assert.Equal(relationships, server.Relationships);
        Assert.Contains($"{relationships} relationships created", text);
        Assert.Contains("0 nodes and 0 relationships created, 0 properties set", secondText);
        Assert.DoesNotContain("secret", text + error);
    }

    [Fact]
    public async Task Export_neo4j_with_a_wrong_password_fails_with_the_security_code_and_without_the_password()
    {
        using var runFolder = CliRunner.TempDirectory();
        var run = await ScriptedRunFolder.WriteAsync(runFolder);
        await using var server = new LoopbackQueryApiServer();

        var (code, text, error) = await CliRunner.RunAsync("export", "neo4j", "--run", run, "--neo4j-uri", server.Uri.ToString(), "--neo4j-user", "neo4j", "--neo4j-password", "hunter2");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("Neo.ClientError.Security.Unauthorized", error);
        Assert.DoesNotContain("hunter2", text + error);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Export_neo4j_when_neo4j_is_down_fails_saying_the_export_can_be_repeated()
    {
        using var runFolder = CliRunner.TempDirectory();
        var run = await ScriptedRunFolder.WriteAsync(runFolder);
        // Bound but never listening: connections are refused, and no other process can take the port meanwhile.
        using var closed = TestModels.LoopbackHttpServer.ClosedPort(out var port);

        var (code, _, error) = await CliRunner.RunAsync("export", "neo4j", "--run", run, "--neo4j-uri", $"http://127.0.0.1:{port}", "--neo4j-max-retries", "0");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("cannot be reached", error);
        Assert.Contains("repeat this export", error);
    }

    [Fact]
    public async Task Export_neo4j_rejects_a_bolt_address_naming_the_option()
    {
        using var runFolder = CliRunner.TempDirectory();
        var run = await ScriptedRunFolder.WriteAsync(runFolder);

        var (code, _, error) = await CliRunner.RunAsync("export", "neo4j", "--run", run, "--neo4j-uri", "bolt://localhost:7687");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--neo4j-uri: 'bolt://localhost:7687' is not an http:// or https:// address", error);
    }

    [Fact]
    public async Task A_batch_size_below_one_names_the_option()
    {
        using var runFolder = CliRunner.TempDirectory();
        var run = await ScriptedRunFolder.WriteAsync(runFolder);

        var (code, _, error) = await CliRunner.RunAsync("export", "neo4j", "--run", run, "--neo4j-uri", "http://localhost:7474", "--neo4j-batch-size", "0");
        using var temp = CliRunner.TempDirectory();
        var (cypherCode, _, cypherError) = await CliRunner.RunAsync("export", "cypher", "--run", run, "--out", Path.Combine(temp, "g.cypher"), "--batch-size", "0");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--neo4j-batch-size must be at least 1", error);
        Assert.Equal(ExitCodes.BadInput, cypherCode);
        Assert.Contains("--batch-size must be at least 1", cypherError);
    }

    [Fact]
    public async Task A_missing_run_folder_or_a_folder_without_a_run_store_is_named_in_the_error()
    {
        using var empty = CliRunner.TempDirectory();

        var (missing, _, missingError) = await CliRunner.RunAsync("export", "csv", "--run", "/no/such/run", "--out", Path.Combine(empty, "o"));
        var (noStore, _, noStoreError) = await CliRunner.RunAsync("export", "cypher", "--run", empty, "--out", Path.Combine(empty, "g.cypher"));

        Assert.Equal(ExitCodes.BadInput, missing);
        Assert.Contains("--run /no/such/run: no such folder", missingError);
        Assert.Equal(ExitCodes.BadInput, noStore);
        Assert.Contains(empty, noStoreError);
        Assert.Contains("no run store", noStoreError);
        Assert.False(File.Exists(Path.Combine(empty, "g.cypher")));
    }

    [Fact]
    public async Task Missing_required_options_are_rejected_by_the_parser()
    {
        var (code, _, error) = await CliRunner.RunAsync("export", "csv", "--run", "x");

        Assert.NotEqual(ExitCodes.Success, code);
        Assert.Contains("--out", error);
    }
}
