using EdcKg.Core.Pipeline;
using EdcKg.Core.Storage;
using Microsoft.Extensions.AI;
using TestModels;

namespace EdcKg.Core.Tests.Pipeline;

public sealed class FailureTests
{
    private static readonly string[] Texts =
    [
        "Alice works_for Acme. Acme located_in Paris.",
        "Bob works_for Initech. Bob born_in Lyon.",
        "Carol employed_by Globex. Globex located_in Berlin.",
        "Dave born_in Rome. Dave works_for Acme.",
    ];

    [Fact]
    public async Task ADocumentWhoseRequestsKeepFailingIsMarkedFailedAndTheNextRunDoesIt()
    {
        using var folder = TestPaths.TempDirectory();
        var corpus = TestRuns.Corpus(Texts);
        var reference = Path.Combine(folder, "reference");
        await TestRuns.RunAsync(corpus, reference, new EdcSettings(), new ScriptedChatClient());

        var output = Path.Combine(folder, "out");
        var flaky = new FailingChatClient(new ScriptedChatClient(), failWhenPromptHas: "Text: Bob works_for Initech");
        var (first, _) = await TestRuns.RunAsync(corpus, output, new EdcSettings(), flaky);

        var failure = Assert.Single(first.Failures);
        Assert.Equal((0, StageName.OpenExtraction, 1, "doc-1"), (failure.Iteration, failure.Stage, failure.DocumentIndex, failure.DocumentId));
        Assert.Contains("server gave up", failure.Error);
        Assert.False(first.Complete);
        // Self-canonicalization grows the schema in corpus order, so documents 2 and 3 wait behind document 1.
        Assert.Equal(3, first.UnfinishedDocuments);
        Assert.False(File.Exists(Path.Combine(output, "iter0", "canon_kg.txt")));
        await using (var store = RunStore.OpenExisting(output))
        {
            // The other documents went through extraction and definition.
            Assert.Equal([0, 2, 3], (await store.LoadStageResultsAsync(0, StageName.SchemaDefinition)).Keys.Order());
            Assert.Equal([0], (await store.LoadStageResultsAsync(0, StageName.SchemaCanonicalization)).Keys.Order());
            Assert.Single(await store.LoadFailuresAsync());
        }

        var healthy = new CountingChatClient(new ScriptedChatClient());
        var (second, _) = await TestRuns.RunAsync(corpus, output, new EdcSettings(), healthy);
        Assert.True(second.Complete);
        Assert.Empty(second.Failures);
        TestRuns.AssertSameOutputs(reference, output, iterations: 1);
        // No document was extracted twice: the second run asked only for the failed one.
        Assert.Equal(["Bob works_for Initech. Bob born_in Lyon."], healthy.OpenExtractionTexts);
        await using (var store = RunStore.OpenExisting(output))
        {
            Assert.Empty(await store.LoadFailuresAsync());
        }
    }

    [Fact]
    public async Task SelfCanonicalizationStopsAtAFailedDocumentSoTheSchemaGrowsInCorpusOrder()
    {
        using var folder = TestPaths.TempDirectory();
        var corpus = TestRuns.Corpus(Texts);
        var reference = Path.Combine(folder, "reference");
        await TestRuns.RunAsync(corpus, reference, new EdcSettings(), new ScriptedChatClient());

        var output = Path.Combine(folder, "out");
        // Document 2's relation employed_by is new, so the verifier is asked about it; that request fails.
        var flaky = new FailingChatClient(new ScriptedChatClient(), failWhenPromptHas: "The relation 'employed_by'");
        var (first, _) = await TestRuns.RunAsync(corpus, output, new EdcSettings(), flaky);
        Assert.Equal(StageName.SchemaCanonicalization, Assert.Single(first.Failures).Stage);
        Assert.Equal(2, first.UnfinishedDocuments);
        await using (var store = RunStore.OpenExisting(output))
        {
            Assert.Equal([0, 1], (await store.LoadStageResultsAsync(0, StageName.SchemaCanonicalization)).Keys.Order());
        }

        var (second, _) = await TestRuns.RunAsync(corpus, output, new EdcSettings(), new ScriptedChatClient());
        Assert.True(second.Complete);
        TestRuns.AssertSameOutputs(reference, output, iterations: 1);
    }

    /// <summary>Records the texts whose triples were asked for.</summary>
    private sealed class CountingChatClient(IChatClient inner) : DelegatingChatClient(inner)
    {
        public List<string> OpenExtractionTexts { get; } = [];

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = messages.ToList();
            if (options?.AdditionalProperties?.GetValueOrDefault(Core.Prompts.ChatOptionKeys.OutputShape) is Core.Prompts.TripleListShape)
            {
                var text = list[^1].Text;
                lock (OpenExtractionTexts)
                {
                    OpenExtractionTexts.Add(text[(text.LastIndexOf("Text: ", StringComparison.Ordinal) + 6)..].Split('\n')[0].Trim());
                }
            }

            return base.GetResponseAsync(list, options, cancellationToken);
        }
    }
}
