using System.Text.Json.Nodes;

namespace EdcKg.Cli.Tests.Update;

/// <summary><c>edckg run --update --resolve-entities</c>: entities follow the corpus, and known ones keep their ids.</summary>
public sealed class RunUpdateEntityTests
{
    [Fact]
    public async Task An_update_with_entity_resolution_keeps_the_ids_of_known_entities_and_drops_those_only_removed_documents_named()
    {
        await using var run = new StubbedFolderRun("--resolve-entities", "--er-top-k", "3");
        run.Write("a.txt", "Alan_Shepard flew_on Freedom_7.");
        run.Write("b.txt", "Gus_Grissom flew_on Liberty_Bell_7.");
        var output = run.Output;

        var (code, _, error) = await run.RunAsync();
        Assert.True(code == ExitCodes.Success, $"exit {code}: {error}");
        var shepardBefore = Entity(output, "Alan_Shepard");
        Assert.Equal(1, Entity(output, "Gus_Grissom")["mentions"]!.GetValue<int>());

        run.Delete("b.txt");
        run.Write("c.txt", "alan_shepard walked_on Moon.");
        (code, var stdout, error) = await run.RunAsync("--update");
        Assert.True(code == ExitCodes.Success, $"exit {code}: {error}");
        Assert.Contains("Update: 1 unchanged, 0 changed, 1 new, 1 removed.", stdout);

        var entities = Entities(output);
        var names = entities.Select(e => e["name"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain("Gus_Grissom", names);
        Assert.DoesNotContain("Liberty_Bell_7", names);
        Assert.Contains("Moon", names);
        var shepard = entities.Single(e => e["name"]!.GetValue<string>() is "Alan_Shepard" or "alan_shepard");
        Assert.Equal(shepardBefore["id"]!.GetValue<string>(), shepard["id"]!.GetValue<string>());
        Assert.Equal(2, shepard["mentions"]!.GetValue<int>());

        var triples = File.ReadAllLines(Path.Combine(output, "iter0", "triples.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(2, triples.Count);
        Assert.All(triples, t => Assert.Equal(shepard["id"]!.GetValue<string>(), t["subjectId"]!.GetValue<string>()));
    }

    private static List<JsonNode> Entities(string output) =>
        File.ReadAllLines(Path.Combine(output, "iter0", "entities.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();

    private static JsonNode Entity(string output, string name) =>
        Entities(output).Single(e => e["name"]!.GetValue<string>() == name);
}
