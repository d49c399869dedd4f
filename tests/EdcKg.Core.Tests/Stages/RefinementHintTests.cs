using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Retrieval;
using EdcKg.Core.Stages;
using TestModels;

namespace EdcKg.Core.Tests.Stages;

public sealed class RefinementHintTests
{
    private static readonly PromptSources Edc = new(Path.Combine(TestPaths.SharedEdc, "prompt_templates"), Path.Combine(TestPaths.SharedEdc, "few_shot_examples", "example"));

    private static readonly SchemaRelation[] Schema =
    [
        new("works_for", "The subject works for the employer.", RelationOrigin.Induced),
        new("located_in", "The subject is located in the city.", RelationOrigin.Induced),
        new("born_in", "The subject was born in the city.", RelationOrigin.Induced),
        new("capital of", "The subject city is the capital of the country.", RelationOrigin.Target),
        new("spouse", "The subject is married to the object.", RelationOrigin.Target),
    ];

    [Fact]
    public async Task TheHintListsPreviousRelationsFirstThenRetrievedOnesWithoutDuplicates()
    {
        var (hints, chat) = await HintsAsync(retrieved: 3);
        var document = new Document(0, "0", "Alice works_for Acme. Acme located_in Paris city.");
        var previous = new[] { new Triple("Alice", "works_for", "Acme") };
        var output = await hints.InvokeAsync(new RefinementHintInput(new ItemKey(document.Index), document.Text, previous), CancellationToken.None);

        Assert.Equal("works_for", output.HintRelations[0]);
        Assert.Equal(3, output.RetrievedRelations.Count);
        Assert.Equal(output.HintRelations.Distinct().Count(), output.HintRelations.Count);
        Assert.Equal(output.HintRelations.Skip(1), output.RetrievedRelations.Where(r => r != "works_for"));
        var lines = output.Hint.Relations.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("1. works_for: The subject works for the employer.", lines[0]);
        Assert.StartsWith("For example, ['", lines[1]);
        Assert.EndsWith("\"", lines[1]);

        Assert.Equal("['Alice', 'Acme', 'Paris']", output.Hint.Entities);
        Assert.Contains(chat.Prompts, p => p.Contains("Entity list 1: ['Alice', 'Acme']", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheExampleIsDrawnWithTheSeedAndIsTheSameOnEveryCall()
    {
        var document = new Document(3, "3", "Bob works_for Initech.");
        var previous = new[] { new Triple("Bob", "works_for", "Initech") };
        var picks = new List<string>();
        foreach (var seed in new[] { 0, 0, 1, 2, 3, 4, 5 })
        {
            var (hints, _) = await HintsAsync(retrieved: 1, seed);
            var output = await hints.InvokeAsync(new RefinementHintInput(new ItemKey(document.Index), document.Text, previous), CancellationToken.None);
            picks.Add(output.Hint.Relations.Split('\n')[1]);
        }

        Assert.Equal(picks[0], picks[1]);
        Assert.True(picks.Distinct().Count() > 1, "different seeds should be able to draw different examples");
    }

    [Fact]
    public async Task RelationsNeverExtractedHaveNoExample()
    {
        var (hints, _) = await HintsAsync(retrieved: 5);
        var output = await hints.InvokeAsync(new RefinementHintInput(new ItemKey(0), "Paris capital of France.", []), CancellationToken.None);
        var text = output.Hint.Relations;
        var spouse = text.IndexOf(". spouse:", StringComparison.Ordinal);
        Assert.True(spouse > 0);
        var after = text[spouse..].Split('\n')[1];
        Assert.DoesNotContain("For example", after);
    }

    private static Dictionary<string, IReadOnlyList<(Triple Triple, string Text)>> Examples() => new()
    {
        ["works_for"] = Enumerable.Range(0, 6).Select(i => (new Triple($"P{i}", "works_for", $"C{i}"), $"P{i} works_for C{i}.")).ToList(),
        ["located_in"] = [(new Triple("Acme", "located_in", "Paris"), "Acme located_in Paris.")],
    };

    private static async Task<(RefinementHints Hints, ScriptedChatClient Chat)> HintsAsync(int retrieved, int seed = 0)
    {
        var chat = new ScriptedChatClient();
        var retrieval = await SchemaRetrieval.BuildAsync(Schema, new HashingEmbeddingGenerator(), retrieved, CancellationToken.None);
        var hints = new RefinementHints(
            new EntityExtraction(chat, Edc.ReadTemplate(PromptKind.EeTemplate), Edc.Read(PromptKind.EeFewShot).Text),
            new EntityMerging(chat, Edc.ReadTemplate(PromptKind.EmTemplate)),
            retrieval,
            new RefinementContext(1, Schema.ToDictionary(r => r.Name), Examples(), seed));
        return (hints, chat);
    }
}
