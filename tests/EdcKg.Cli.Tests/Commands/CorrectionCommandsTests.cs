using System.Text.Json;
using EdcKg.Core.Corrections;
using EdcKg.Core.Domain;
using EdcKg.Core.Inputs;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using TestModels;

namespace EdcKg.Cli.Tests.Commands;

public sealed class CorrectionCommandsTests
{
    private static readonly DateTimeOffset When = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Export_corrections_writes_every_correction_with_the_pipelines_own_decision()
    {
        using var runFolder = CliRunner.TempDirectory();
        var run = await ScriptedRunFolder.WriteAsync(runFolder);
        using (var store = CorrectionStore.Open(Path.Combine(run, RunSnapshotReader.StoreFileName)))
        {
            await store.AddAsync(new Correction(CorrectionKind.ChooseRelation) { DocumentId = "1", Iteration = 0, OpenTriple = new("Bob", "born_in", "Lyon"), Relation = "located_in", User = "ann", CreatedAt = When });
            var merge = await store.AddAsync(new Correction(CorrectionKind.MergeEntities) { Entity = "Initech", NewName = "Acme", User = "ann", CreatedAt = When });
            await store.UndoAsync(merge.Id, "ben", When.AddHours(1));
        }

        using var temp = CliRunner.TempDirectory();
        var path = Path.Combine(temp, "corrections.jsonl");
        var (code, text, error) = await CliRunner.RunAsync("export", "corrections", "--run", run, "--out", path);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("2 corrections", text);
        var lines = File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("chooseRelation", lines[0].GetProperty("kind").GetString());
        Assert.Equal(["Bob", "born_in", "Lyon"], lines[0].GetProperty("openTriple").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("ann", lines[0].GetProperty("user").GetString());
        Assert.Equal("addedToSchema", lines[0].GetProperty("pipeline").GetProperty("decision").GetString());
        Assert.Equal("born_in", lines[0].GetProperty("pipeline").GetProperty("relation").GetString());
        Assert.True(lines[0].GetProperty("active").GetBoolean());
        Assert.False(lines[1].GetProperty("active").GetBoolean());
        Assert.Equal("ben", lines[1].GetProperty("undoneBy").GetString());
    }

    [Fact]
    public async Task Exports_of_a_corrected_run_carry_the_corrections()
    {
        using var runFolder = CliRunner.TempDirectory();
        var run = await ScriptedRunFolder.WriteAsync(runFolder);
        using (var store = CorrectionStore.Open(Path.Combine(run, RunSnapshotReader.StoreFileName)))
        {
            await store.AddAsync(new Correction(CorrectionKind.ChooseRelation) { DocumentId = "1", Iteration = 0, OpenTriple = new("Bob", "born_in", "Lyon"), Relation = "located_in", User = "ann", CreatedAt = When });
            await store.AddAsync(new Correction(CorrectionKind.MergeEntities) { Entity = "Initech", NewName = "Acme", User = "ann", CreatedAt = When });
        }

        using var temp = CliRunner.TempDirectory();
        var output = Path.Combine(temp, "import");
        var (code, _, error) = await CliRunner.RunAsync("export", "csv", "--run", run, "--out", output);

        Assert.True(code == ExitCodes.Success, error);
        var relationships = File.ReadAllText(Path.Combine(output, "relationships.csv"));
        Assert.Contains("located_in", relationships);
        Assert.DoesNotContain("born_in\",", relationships.Replace("\"born_in\",\"", "", StringComparison.Ordinal));
        Assert.DoesNotContain("initech", File.ReadAllText(Path.Combine(output, "entities.csv")));
        var snapshot = await RunSnapshotReader.ReadAsync(run);
        Assert.Contains(snapshot.Triples, t => t.Triple == new Triple("Bob", "works_for", "Acme") && t.Correction is not null);
    }

    [Fact]
    public async Task Export_neo4j_after_a_correction_and_after_its_undo_leaves_exactly_the_corrected_graph()
    {
        using var runFolder = CliRunner.TempDirectory();
        var run = await ScriptedRunFolder.WriteAsync(runFolder);
        await using var server = new EdcKg.Neo4j.Tests.LoopbackQueryApiServer();
        string[] export = ["export", "neo4j", "--run", run, "--neo4j-uri", server.Uri.ToString(), "--neo4j-user", "neo4j", "--neo4j-password", "secret"];
        Assert.Equal(ExitCodes.Success, (await CliRunner.InvokeAsync(export)).ExitCode);
        Assert.Equal(4, server.TripleRelationships);
        Assert.Contains("BORN_IN", server.RelationshipTypes);

        Correction choose;
        using (var store = CorrectionStore.Open(Path.Combine(run, RunSnapshotReader.StoreFileName)))
        {
            choose = await store.AddAsync(new Correction(CorrectionKind.ChooseRelation) { DocumentId = "1", Iteration = 0, OpenTriple = new("Bob", "born_in", "Lyon"), Relation = "located_in", User = "ann", CreatedAt = When });
            await store.AddAsync(new Correction(CorrectionKind.MergeEntities) { Entity = "Initech", NewName = "Acme", User = "ann", CreatedAt = When });
        }

        var (code, _, error) = await CliRunner.InvokeAsync(export);
        Assert.True(code == ExitCodes.Success, error);
        // Bob located_in Lyon and Bob works_for Acme replace Bob born_in Lyon and Bob works_for Initech.
        Assert.Equal(4, server.TripleRelationships);
        Assert.DoesNotContain("BORN_IN", server.RelationshipTypes);

        using (var store = CorrectionStore.Open(Path.Combine(run, RunSnapshotReader.StoreFileName)))
        {
            await store.UndoAsync(choose.Id, "ben", When.AddHours(1));
        }

        Assert.Equal(ExitCodes.Success, (await CliRunner.InvokeAsync(export)).ExitCode);
        Assert.Equal(4, server.TripleRelationships);
        Assert.Contains("BORN_IN", server.RelationshipTypes);
    }

    [Fact]
    public async Task Serve_a_folder_without_a_run_is_bad_input_naming_the_folder()
    {
        using var folder = CliRunner.TempDirectory();
        var (code, _, error) = await CliRunner.RunAsync("serve", folder, "--port", "0");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(folder, error);
    }

    [Fact]
    public async Task Serve_with_an_impossible_port_or_host_is_bad_input_naming_the_option()
    {
        using var runFolder = CliRunner.TempDirectory();
        var run = await ScriptedRunFolder.WriteAsync(runFolder);
        var (code, _, error) = await CliRunner.RunAsync("serve", run, "--port", "70000");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--port", error);
        (code, _, error) = await CliRunner.RunAsync("serve", run, "--host", "my laptop");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--host", error);
    }
}
