using System.Text.Json.Nodes;
using EdcKg.Core.Domain;
using EdcKg.Core.Entities;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using EdcKg.Core.Tests.Pipeline;
using TestModels;

namespace EdcKg.Core.Tests.Entities;

public sealed class EntityResolutionRunTests : IDisposable
{
    private static readonly EdcSettings Resolving = new() { EntityResolution = new EntityResolutionSettings() };

    private static readonly IReadOnlyList<Document> Corpus = TestRuns.Corpus(
        "NASA employed Alan Shepard. Alan_Shepard flew_on Freedom_7.",
        "Shepard commanded Apollo_14.",
        "Sam_Shepard wrote Buried_Child.");

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("edckg-entity-run-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task ARunWithEntityResolutionWritesEntitiesAndIdsAndKeepsCanonKgAsExtracted()
    {
        var plain = Path.Combine(folder.FullName, "plain");
        var resolved = Path.Combine(folder.FullName, "resolved");
        await TestRuns.RunAsync(Corpus, plain, new EdcSettings(), new ScriptedChatClient());
        var resolver = new ScriptedEntityResolver(EntityResolutionTests.Identity);
        await RunAsync(resolved, resolver);

        Assert.Equal(File.ReadAllText(Path.Combine(plain, "iter0", "canon_kg.txt")), File.ReadAllText(Path.Combine(resolved, "iter0", "canon_kg.txt")));
        var entities = File.ReadAllLines(Path.Combine(resolved, "iter0", "entities.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        var alan = entities.Single(e => e["name"]!.GetValue<string>() == "Alan Shepard");
        Assert.Equal(["Alan_Shepard", "Shepard"], alan["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(3, alan["mentions"]!.GetValue<int>());

        var triples = File.ReadAllLines(Path.Combine(resolved, "iter0", "triples.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.All(triples, t => Assert.NotNull(t["subjectId"]));
        string IdOf(string subject) => triples.First(t => t["subject"]!.GetValue<string>() == subject)["subjectId"]!.GetValue<string>();
        Assert.Equal(alan["id"]!.GetValue<string>(), IdOf("Shepard"));
        Assert.Equal(IdOf("Alan_Shepard"), IdOf("Shepard"));
        Assert.NotEqual(IdOf("Shepard"), IdOf("Sam_Shepard"));
        Assert.True(File.Exists(Path.Combine(resolved, "iter0", "entity_decisions.jsonl")));
        Assert.True(resolver.Calls >= 2);
    }

    [Fact]
    public async Task ASecondRunOverTheSameFolderAsksNothingNew()
    {
        var output = folder.FullName;
        await RunAsync(output, new ScriptedEntityResolver(EntityResolutionTests.Identity));
        var first = File.ReadAllText(Path.Combine(output, "iter0", "entities.jsonl"));

        var again = new ScriptedEntityResolver(EntityResolutionTests.Identity);
        var stages = new ScriptedChatClient();
        await TestRuns.RunAsync(Corpus, output, Resolving, new EntityQuestionRouter(stages, again), prompts: ResolvingPrompts());
        Assert.Equal(0, again.Calls);
        Assert.Equal(0, stages.Calls);
        Assert.Equal(first, File.ReadAllText(Path.Combine(output, "iter0", "entities.jsonl")));
    }

    [Fact]
    public async Task AKillDuringResolutionResumesToTheSameClusters()
    {
        var uninterrupted = Path.Combine(folder.FullName, "uninterrupted");
        var killed = Path.Combine(folder.FullName, "killed");
        await RunAsync(uninterrupted, new ScriptedEntityResolver(EntityResolutionTests.Identity));

        using var dying = new ScriptedEntityResolver(EntityResolutionTests.Identity) { KillAtCall = 2 };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(killed, dying, dying.Kill.Token));
        Assert.False(File.Exists(Path.Combine(killed, "iter0", "entities.jsonl")));

        var resumed = new ScriptedEntityResolver(EntityResolutionTests.Identity);
        await RunAsync(killed, resumed);
        Assert.Equal(1, resumed.Calls);
        foreach (var file in new[] { "entities.jsonl", "entity_decisions.jsonl", "triples.jsonl", "canon_kg.txt" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(uninterrupted, "iter0", file)), File.ReadAllText(Path.Combine(killed, "iter0", file)));
        }
    }

    [Fact]
    public async Task TheSnapshotCarriesEntityIdsAndEntitiesForExporters()
    {
        await RunAsync(folder.FullName, new ScriptedEntityResolver(EntityResolutionTests.Identity));
        var snapshot = await RunSnapshotReader.ReadAsync(folder.FullName);
        Assert.NotNull(snapshot.Entities);
        Assert.All(snapshot.Triples, t => Assert.NotNull(t.SubjectId));
        var shepard = snapshot.Triples.Single(t => t.Triple.Subject == "Shepard");
        var entity = snapshot.Entities!.Entities.Single(e => e.Id == shepard.SubjectId);
        Assert.Equal("Alan Shepard", entity.Name);
        Assert.Contains(snapshot.Entities.DecisionsByEntity()[entity.Id], d => d.Mention.Name == "Shepard" && d.Outcome == EntityDecisionOutcome.Merged);
    }

    [Fact]
    public void TurningEntityResolutionOnForAFinishedRunKeepsItsIdAndManifest()
    {
        var models = TestRuns.Models;
        var plain = RunManifest.Create(Corpus, [], TestRuns.Prompts(new EdcSettings()), new EdcSettings(), models);
        var resolving = RunManifest.Create(Corpus, [], ResolvingPrompts(), Resolving, models);
        RunManifest.EnsureCompatible(plain, resolving, "store");
        RunManifest.EnsureCompatible(resolving, plain, "store");
        Assert.Equal(RunManifest.RunIdOf(plain), RunManifest.RunIdOf(resolving));
        Assert.Throws<RunMismatchException>(() => RunManifest.EnsureCompatible(
            resolving, RunManifest.Create(Corpus, [], ResolvingPrompts(), Resolving with { EntityResolution = new EntityResolutionSettings { TopK = 3 } }, models), "store"));
    }

    private static EdcPrompts ResolvingPrompts()
        => EdcPrompts.Load(new PromptSources(Path.Combine(TestPaths.Prompts, "templates"), Path.Combine(TestPaths.Prompts, "few_shot")), refinement: false, resolveEntities: true);

    private static Task<(RunSummary Summary, EdcPipeline Pipeline)> RunAsync(string output, ScriptedEntityResolver resolver, CancellationToken cancellationToken = default)
        => TestRuns.RunAsync(Corpus, output, Resolving, new EntityQuestionRouter(new ScriptedChatClient(), resolver), prompts: ResolvingPrompts(), cancellationToken: cancellationToken);
}
