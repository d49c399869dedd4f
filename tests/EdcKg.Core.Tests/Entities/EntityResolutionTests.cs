using EdcKg.Core.Domain;
using EdcKg.Core.Entities;
using EdcKg.Core.Outputs;
using EdcKg.Core.Prompts;
using EdcKg.Core.Stages;
using EdcKg.Core.Storage;
using TestModels;

namespace EdcKg.Core.Tests.Entities;

public sealed class EntityResolutionTests : IDisposable
{
    private static readonly PromptTemplate Template = new PromptSources(Path.Combine(TestPaths.Prompts, "templates"), Path.Combine(TestPaths.Prompts, "few_shot")).ReadTemplate(PromptKind.ErTemplate);

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("edckg-entities-");

    public void Dispose() => folder.Delete(recursive: true);

    /// <summary>One Alan Shepard and one NASA written five and two ways across six documents.</summary>
    internal static IReadOnlyList<EntityMention> Variants() => EntityMentions.Collect(
    [
        Doc(0, "Alan Shepard was an astronaut of NASA.", ("Alan Shepard", "member_of", "NASA")),
        Doc(1, "Alan B. Shepard flew on Freedom 7, launched by the National Aeronautics and Space Administration.",
            ("Alan B. Shepard", "flew_on", "Freedom 7"), ("Freedom 7", "launched_by", "National Aeronautics and Space Administration")),
        Doc(2, "Shepard commanded Apollo 14.", ("Shepard", "commanded", "Apollo 14")),
        Doc(3, "alan_shepard walked on the Moon.", ("alan_shepard", "walked_on", "Moon")),
        Doc(4, "Shepard, Alan was born in Derry.", ("Shepard, Alan", "born_in", "Derry")),
        Doc(5, "A. Shepard retired from NASA in 1974.", ("A. Shepard", "retired_from", "NASA")),
    ]);

    /// <summary>Two people with one surname, and a place with a football club named after it.</summary>
    internal static IReadOnlyList<EntityMention> LookAlikes() => EntityMentions.Collect(
    [
        Doc(0, "Alan Shepard flew on Freedom 7.", ("Alan Shepard", "flew_on", "Freedom 7")),
        Doc(1, "Sam Shepard wrote Buried Child as a playwright.", ("Sam Shepard", "wrote", "Buried Child")),
        Doc(2, "Chelsea is a district of London.", ("Chelsea", "district_of", "London")),
        Doc(3, "Chelsea F.C. plays at Stamford Bridge.", ("Chelsea F.C.", "plays_at", "Stamford Bridge")),
        Doc(4, "Chelsea Football Club won the league.", ("Chelsea Football Club", "won", "league")),
    ]);

    /// <summary>What the scripted model knows: which real-world thing a name in a sentence is.</summary>
    internal static string Identity(string name, string context)
    {
        var normalised = EntityName.Of(name).Normalised;
        if (normalised.Contains("shepard", StringComparison.Ordinal))
        {
            return normalised.Contains("sam", StringComparison.Ordinal) || context.Contains("playwright", StringComparison.Ordinal) ? "sam shepard" : "alan shepard";
        }

        if (normalised is "nasa" or "national aeronautics and space administration")
        {
            return "nasa";
        }

        if (normalised.StartsWith("chelsea", StringComparison.Ordinal))
        {
            return context.Contains("district", StringComparison.Ordinal) ? "chelsea (place)" : "chelsea (club)";
        }

        return normalised;
    }

    [Fact]
    public async Task NameVariantsAcrossDocumentsEndInOneEntity()
    {
        var model = new ScriptedEntityResolver(Identity);
        var result = await Resolve(model, new MemoryEntityDecisionLog(), Variants());

        var shepard = result.Entities.Single(e => e.Name.Contains("Shepard", StringComparison.Ordinal));
        Assert.Equal(
            new[] { "Alan Shepard", "Alan B. Shepard", "Shepard", "alan_shepard", "Shepard, Alan", "A. Shepard" }.Order(),
            shepard.Aliases.Append(shepard.Name).Order());
        Assert.Equal(6, shepard.Mentions);
        var nasa = result.Entities.Single(e => e.Aliases.Contains("NASA") || e.Name == "NASA");
        Assert.Equal("NASA", nasa.Name);
        Assert.Equal(["National Aeronautics and Space Administration"], nasa.Aliases);
        Assert.Equal(nasa.Id, result.EntityOf("5", "NASA"));
        Assert.Equal(shepard.Id, result.EntityOf("3", "alan_shepard"));

        // Same normalised names merge without asking; the others were asked about.
        Assert.Equal(EntityDecisionOutcome.MergedExact, result.Decisions.Single(d => d.Mention.Name == "alan_shepard").Outcome);
        Assert.Equal(EntityDecisionOutcome.MergedExact, result.Decisions.Single(d => d.Mention.Name == "NASA" && d.Mention.DocumentId == "5").Outcome);
        Assert.All(result.Decisions.Where(d => d.Outcome == EntityDecisionOutcome.Merged), d => Assert.NotNull(d.Answer));
        Assert.Equal(result.Questions, model.Calls);
    }

    [Fact]
    public async Task LookAlikesTheModelSaysDifferStayApart()
    {
        var model = new ScriptedEntityResolver(Identity);
        var result = await Resolve(model, new MemoryEntityDecisionLog(), LookAlikes());

        var alan = result.EntityOf("0", "Alan Shepard");
        var sam = result.EntityOf("1", "Sam Shepard");
        var place = result.EntityOf("2", "Chelsea");
        var club = result.EntityOf("3", "Chelsea F.C.");
        Assert.NotEqual(alan, sam);
        Assert.NotEqual(place, club);
        Assert.Equal(club, result.EntityOf("4", "Chelsea Football Club"));

        // They were compared and the model said they differ: the decision records it.
        var samDecision = result.Decisions.Single(d => d.Mention.Name == "Sam Shepard");
        Assert.Equal(EntityDecisionOutcome.New, samDecision.Outcome);
        Assert.Contains(samDecision.Candidates, c => c.EntityId == alan);
        Assert.Equal([alan!], samDecision.DifferentFrom);
        var clubDecision = result.Decisions.Single(d => d.Mention.Name == "Chelsea F.C.");
        Assert.Contains(clubDecision.Candidates, c => c.EntityId == place);
        Assert.Equal(EntityDecisionOutcome.New, clubDecision.Outcome);
        Assert.Equal(4, result.Entities.Count(e => e.Name.Contains("Shepard", StringComparison.Ordinal) || e.Name.StartsWith("Chelsea", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ResolvingTwiceFromScratchGivesTheSameDecisions()
    {
        var mentions = Variants().Concat(LookAlikes().Select(m => m with { DocumentIndex = m.DocumentIndex + 10, DocumentId = "b" + m.DocumentId })).ToList();
        var first = await Resolve(new ScriptedEntityResolver(Identity), new MemoryEntityDecisionLog(), mentions);
        var second = await Resolve(new ScriptedEntityResolver(Identity), new MemoryEntityDecisionLog(), mentions);
        Assert.Equal(EntityOutputWriter.DecisionsJsonLines(first.Decisions), EntityOutputWriter.DecisionsJsonLines(second.Decisions));
        Assert.Equal(EntityOutputWriter.EntitiesJsonLines(first.Entities), EntityOutputWriter.EntitiesJsonLines(second.Entities));
    }

    [Fact]
    public async Task ASecondRunOverTheSameStoreAsksNothingNew()
    {
        var mentions = Variants();
        EntityResolutionResult first;
        await using (var store = RunStore.Open(folder.FullName))
        await using (var entities = EntityStore.Open(store))
        {
            var model = new ScriptedEntityResolver(Identity);
            first = await Resolve(model, entities, mentions);
            Assert.True(model.Calls > 0);
        }

        await using (var store = RunStore.Open(folder.FullName))
        await using (var entities = EntityStore.Open(store))
        {
            var model = new ScriptedEntityResolver(Identity);
            var again = await Resolve(model, entities, mentions);
            Assert.Equal(0, model.Calls);
            Assert.Equal(0, again.Decided);
            Assert.Equal(EntityOutputWriter.EntitiesJsonLines(first.Entities), EntityOutputWriter.EntitiesJsonLines(again.Entities));
            Assert.Equal(first.Assignments, again.Assignments);
        }
    }

    [Fact]
    public async Task AKillDuringResolutionResumesToTheSameClusters()
    {
        var mentions = Variants().Concat(LookAlikes().Select(m => m with { DocumentIndex = m.DocumentIndex + 10, DocumentId = "b" + m.DocumentId })).ToList();
        var uninterrupted = await Resolve(new ScriptedEntityResolver(Identity), new MemoryEntityDecisionLog(), mentions);
        Assert.True(uninterrupted.Questions >= 4);

        await using (var store = RunStore.Open(folder.FullName))
        await using (var entities = EntityStore.Open(store))
        {
            using var killed = new ScriptedEntityResolver(Identity) { KillAtCall = 3 };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Resolve(killed, entities, mentions, killed.Kill.Token));
            Assert.Equal(2, (await entities.LoadAsync(0, CancellationToken.None)).Count(d => d.Source == "model"));
        }

        await using (var store = RunStore.Open(folder.FullName))
        await using (var entities = EntityStore.Open(store))
        {
            var model = new ScriptedEntityResolver(Identity);
            var resumed = await Resolve(model, entities, mentions);
            Assert.Equal(uninterrupted.Questions - 2, model.Calls);
            Assert.Equal(EntityOutputWriter.EntitiesJsonLines(uninterrupted.Entities), EntityOutputWriter.EntitiesJsonLines(resumed.Entities));
            Assert.Equal(EntityOutputWriter.DecisionsJsonLines(uninterrupted.Decisions), EntityOutputWriter.DecisionsJsonLines(resumed.Decisions));
        }
    }

    [Fact]
    public async Task AMentionAReviewerSplitOffIsNotMergedBack()
    {
        var model = new ScriptedEntityResolver(Identity);
        var mentions = Variants();
        var shepard = mentions.Single(m => m.Name == "Shepard");
        var input = new EntityResolutionInput(0, mentions) { KeptApart = new Dictionary<string, IReadOnlyList<string>> { [shepard.Key] = ["Alan Shepard"] } };
        var result = await new EntityResolution(model, new HashingEmbeddingGenerator(), Template, new MemoryEntityDecisionLog()).InvokeAsync(input, CancellationToken.None);

        var alan = result.EntityOf("0", "Alan Shepard");
        Assert.NotEqual(alan, result.EntityOf("2", "Shepard"));
        var decision = result.Decisions.Single(d => d.Mention.Name == "Shepard");
        Assert.DoesNotContain(decision.Candidates, c => c.EntityId == alan);
        Assert.Contains(alan!, decision.DifferentFrom);
    }

    [Fact]
    public async Task TheQuestionListsCandidatesWithContextAndNoneOfTheAboveLast()
    {
        var model = new ScriptedEntityResolver(Identity);
        await Resolve(model, new MemoryEntityDecisionLog(), LookAlikes());
        var question = model.Prompts.First(p => p.Contains("Entity: Sam Shepard", StringComparison.Ordinal));
        Assert.Contains("Sentence: Sam Shepard wrote Buried Child as a playwright.", question);
        Assert.Contains("A. Alan Shepard | Alan Shepard flew on Freedom 7.", question);
        Assert.EndsWith(". None of the above\n", question);
    }

    [Fact]
    public async Task EntitiesAndDecisionsAreWrittenAsJsonLines()
    {
        var result = await Resolve(new ScriptedEntityResolver(Identity), new MemoryEntityDecisionLog(), Variants());
        await EntityOutputWriter.WriteIterationAsync(folder.FullName, 0, result, CancellationToken.None);
        var lines = await File.ReadAllLinesAsync(Path.Combine(folder.FullName, "iter0", "entities.jsonl"));
        Assert.Equal(result.Entities.Count, lines.Length);
        Assert.Contains("""{"id":"e1","name":"NASA","aliases":["National Aeronautics and Space Administration"],"mentions":3}""", lines);
        var decisions = await File.ReadAllLinesAsync(Path.Combine(folder.FullName, "iter0", "entity_decisions.jsonl"));
        Assert.Equal(result.Decisions.Count, decisions.Length);
        Assert.Contains("\"outcome\":\"MergedExact\"", decisions[^1]);
    }

    [Fact]
    public async Task TheStoredResultListsEntitiesForReview()
    {
        var mentions = Variants();
        await using var store = RunStore.Open(folder.FullName);
        await using var entities = EntityStore.Open(store);
        var result = await Resolve(new ScriptedEntityResolver(Identity), entities, mentions);
        await entities.SaveResultAsync(0, result, mentions, CancellationToken.None);
        Assert.Equal(result.Entities, await entities.LoadEntitiesAsync(0, CancellationToken.None), new ResolvedEntityComparer());
    }

    internal static (Document Document, IReadOnlyList<Triple> Triples) Doc(int index, string text, params (string S, string R, string O)[] triples)
        => (new Document(index, index.ToString(System.Globalization.CultureInfo.InvariantCulture), text), triples.Select(t => new Triple(t.S, t.R, t.O)).ToList());

    internal static Task<EntityResolutionResult> Resolve(ScriptedEntityResolver model, IEntityDecisionLog log, IReadOnlyList<EntityMention> mentions, CancellationToken cancellationToken = default)
        => new EntityResolution(model, new HashingEmbeddingGenerator(), Template, log).InvokeAsync(new EntityResolutionInput(0, mentions), cancellationToken);

    private sealed class ResolvedEntityComparer : IEqualityComparer<ResolvedEntity>
    {
        public bool Equals(ResolvedEntity? x, ResolvedEntity? y)
            => x is not null && y is not null && x.Id == y.Id && x.Name == y.Name && x.Mentions == y.Mentions && x.Aliases.SequenceEqual(y.Aliases);

        public int GetHashCode(ResolvedEntity obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
