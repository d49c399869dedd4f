using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Retrieval;
using EdcKg.Core.Stages;
using Microsoft.Extensions.AI;
using TestModels;

namespace EdcKg.Core.Tests.Stages;

public sealed class StageTests
{
    private static readonly PromptSources Edc = new(Path.Combine(TestPaths.SharedEdc, "prompt_templates"), Path.Combine(TestPaths.SharedEdc, "few_shot_examples", "example"));
    private static readonly Document Doc = new(0, "0", "Alice works_for Acme. Acme located_in Paris.");

    [Fact]
    public async Task OpenExtractionFillsEdcsTemplateAndParsesTheAnswer()
    {
        var chat = new ScriptedChatClient();
        var stage = new OpenExtraction(chat, Edc.ReadTemplate(PromptKind.OieTemplate), "EXAMPLES");
        var output = await stage.InvokeAsync(new OpenExtractionInput(Doc.Text), CancellationToken.None);
        Assert.Equal([new Triple("Alice", "works_for", "Acme"), new Triple("Acme", "located_in", "Paris")], output.Triples);
        Assert.Contains("EXAMPLES", chat.Prompts.Single());
        Assert.EndsWith("Text: " + Doc.Text, chat.Prompts.Single());
    }

    [Fact]
    public async Task SchemaDefinitionAsksAgainForAForgottenRelationAlone()
    {
        var chat = new ScriptedChatClient { ForgetOnFirstAsk = new HashSet<string> { "located_in" }, NeverDefine = new HashSet<string> { "owns" } };
        var stage = new SchemaDefinition(chat, Edc.ReadTemplate(PromptKind.SdTemplate), "EXAMPLES");
        var triples = new[] { new Triple("Alice", "works_for", "Acme"), new Triple("Acme", "located_in", "Paris"), new Triple("Alice", "owns", "Acme") };
        var output = await stage.InvokeAsync(new SchemaDefinitionInput(Doc.Text, triples), CancellationToken.None);
        Assert.Equal(["works_for", "located_in"], output.Definitions.Select(d => d.Relation));
        Assert.Equal(["owns"], output.Missing);
        Assert.Equal(3, chat.Calls);
        Assert.Contains("Relations: ['works_for', 'located_in', 'owns']", chat.Prompts[0]);
        var retry = Assert.Single(chat.Prompts.Skip(1), p => p.Contains("Relations: ['located_in']", StringComparison.Ordinal));
        Assert.Contains("Triples: [['Acme', 'located_in', 'Paris']]", retry);
        // The first ask says that a follow-up about the same text may come; the re-asks do not.
        Assert.Equal([chat.Prompts[0]], chat.FollowUpPrompts);
    }

    [Fact]
    public async Task TheRelationsLeftOutAreAskedAboutTogether()
    {
        var scripted = new ScriptedChatClient { ForgetOnFirstAsk = new HashSet<string> { "located_in", "owns" } };
        var chat = new GatedChatClient(scripted, opensAt: 2, holds: prompt => !prompt.Contains("Relations: ['works_for'", StringComparison.Ordinal));
        var stage = new SchemaDefinition(chat, Edc.ReadTemplate(PromptKind.SdTemplate), "EXAMPLES");
        var triples = new[] { new Triple("Alice", "works_for", "Acme"), new Triple("Acme", "located_in", "Paris"), new Triple("Alice", "owns", "Acme") };

        var output = await stage.InvokeAsync(new SchemaDefinitionInput(Doc.Text, triples), CancellationToken.None);

        Assert.Equal(2, chat.MostInFlight);
        Assert.Equal(["works_for", "located_in", "owns"], output.Definitions.Select(d => d.Relation));
        Assert.Empty(output.Missing);
        Assert.Equal(3, scripted.Calls);
    }

    [Fact]
    public async Task TargetAlignmentOffersTheTopFiveAndTakesTheChosenLetter()
    {
        var (schema, embedder) = await SchemaOf(("employer", "The subject works for the employer given by the object works_for"), ("country", "The subject is in the country"),
            ("spouse", "Married to"), ("located in", "The subject is located_in the place given by the object"), ("founder", "Founded by"), ("genre", "Of the genre"), ("award", "Won the award"));
        var chat = new ScriptedChatClient();
        var alignment = new TargetAlignment(chat, embedder, Edc.ReadTemplate(PromptKind.ScTemplate));
        var outcome = await alignment.InvokeAsync(new TargetAlignmentInput(Doc.Text, new Triple("Acme", "located_in", "Paris"), "The subject is located_in the place given by the object.", schema), CancellationToken.None);
        Assert.Equal(DecisionKind.Aligned, outcome.Decision.Kind);
        Assert.Equal(new Triple("Acme", "located in", "Paris"), outcome.Decision.Result);
        Assert.Equal(5, outcome.Decision.Candidates.Count);
        Assert.True(outcome.Decision.Candidates.Zip(outcome.Decision.Candidates.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.Contains("F. None of the above.", chat.Prompts.Single());
        Assert.Contains("Triplet: ['Acme', 'located_in', 'Paris']", chat.Prompts.Single());
    }

    [Fact]
    public async Task ARelationAlreadyInTheSchemaIsKeptWithoutAsking()
    {
        var (schema, embedder) = await SchemaOf(("works_for", "Works for."));
        var chat = new ScriptedChatClient();
        var outcome = await new TargetAlignment(chat, embedder, Edc.ReadTemplate(PromptKind.ScTemplate))
            .InvokeAsync(new TargetAlignmentInput(Doc.Text, new Triple("Alice", "works_for", "Acme"), "Works for.", schema), CancellationToken.None);
        Assert.Equal(DecisionKind.AlreadyInSchema, outcome.Decision.Kind);
        Assert.Equal(0, chat.Calls);
    }

    [Fact]
    public async Task NoPickDropsTheTripleUnlessTheSchemaMayGrow()
    {
        var (schema, embedder) = await SchemaOf(("spouse", "Married to."));
        var chat = new ScriptedChatClient();
        var alignment = new TargetAlignment(chat, embedder, Edc.ReadTemplate(PromptKind.ScTemplate));
        var triples = new[] { new Triple("Alice", "works_for", "Acme"), new Triple("Bob", "works_for", "Acme"), new Triple("Carl", "hates", "Dan") };
        var definitions = new SchemaDefinitionOutput([new RelationDefinition("works_for", "Works for the object.")], ["hates"]);

        var strict = await new SchemaCanonicalization(alignment, enrichSchema: false).InvokeAsync(new SchemaCanonicalizationInput(Doc.Text, triples, definitions, schema), CancellationToken.None);
        Assert.Equal([DecisionKind.Dropped, DecisionKind.Dropped, DecisionKind.DroppedUndefined], strict.Decisions.Select(d => d.Kind));
        Assert.Empty(strict.AddedRelations);

        var growing = await new SchemaCanonicalization(alignment, enrichSchema: true).InvokeAsync(new SchemaCanonicalizationInput(Doc.Text, triples, definitions, schema), CancellationToken.None);
        Assert.Equal([DecisionKind.AddedToSchema, DecisionKind.AlreadyInSchema, DecisionKind.DroppedUndefined], growing.Decisions.Select(d => d.Kind));
        Assert.Equal([new SchemaRelation("works_for", "Works for the object.", RelationOrigin.Induced)], growing.AddedRelations);
        Assert.True(schema.Contains("works_for"));
    }

    [Fact]
    public async Task AgainstAFixedSchemaAnItemsQuestionsAreAskedTogetherAndAnsweredInTripleOrder()
    {
        var (schema, embedder) = await SchemaOf(("works_for", "Works for."), ("located_in", "Located in."), ("born_in", "Born in."));
        var triples = new[] { new Triple("Alice", "works for", "Acme"), new Triple("Acme", "located in", "Paris"), new Triple("Bob", "born in", "Rome") };
        var definitions = new SchemaDefinitionOutput([.. triples.Select(t => new RelationDefinition(t.Relation, $"The subject is {t.Relation} the object."))], []);
        var chat = new GatedChatClient(new ScriptedChatClient(), opensAt: triples.Length);
        var alignment = new TargetAlignment(chat, embedder, Edc.ReadTemplate(PromptKind.ScTemplate));

        var output = await new SchemaCanonicalization(alignment, enrichSchema: false).InvokeAsync(new SchemaCanonicalizationInput(Doc.Text, triples, definitions, schema), CancellationToken.None);

        Assert.Equal(triples.Length, chat.MostInFlight);
        Assert.Equal(["works_for", "located_in", "born_in"], output.Decisions.Select(d => d.Result!.Relation));
        Assert.All(output.Decisions, d => Assert.Equal(DecisionKind.Aligned, d.Kind));
        Assert.Equal(triples.Length, output.QueryEmbeddings.Count);
    }

    [Fact]
    public async Task AFailedQuestionFailsTheItemAndStopsItsSiblings()
    {
        var (schema, embedder) = await SchemaOf(("works_for", "Works for."));
        var triples = new[] { new Triple("Alice", "works for", "Acme"), new Triple("Carl", "hates", "Dan") };
        var definitions = new SchemaDefinitionOutput([new RelationDefinition("works for", "Employment."), new RelationDefinition("hates", "Dislikes.")], []);
        var gated = new GatedChatClient(new ScriptedChatClient(), opensAt: int.MaxValue);
        var alignment = new TargetAlignment(new FailingChatClient(gated, "Carl"), embedder, Edc.ReadTemplate(PromptKind.ScTemplate));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new SchemaCanonicalization(alignment, enrichSchema: false).InvokeAsync(new SchemaCanonicalizationInput(Doc.Text, triples, definitions, schema), CancellationToken.None));

        Assert.IsType<ModelUnavailableException>(error.InnerException);
        Assert.Equal(1, gated.Cancelled);
    }

    [Fact]
    public async Task SelfCanonicalizationStartsFromAnEmptySchema()
    {
        var schema = new CanonicalSchema();
        var embedder = new HashingEmbeddingGenerator();
        var chat = new ScriptedChatClient();
        var canonicalization = new SchemaCanonicalization(new TargetAlignment(chat, embedder, Edc.ReadTemplate(PromptKind.ScTemplate)), enrichSchema: true);
        var output = await canonicalization.InvokeAsync(new SchemaCanonicalizationInput(Doc.Text, [new Triple("Alice", "works_for", "Acme")], new SchemaDefinitionOutput([new RelationDefinition("works_for", "Employment.")], []), schema), CancellationToken.None);
        Assert.Equal(DecisionKind.AddedToSchema, output.Decisions.Single().Kind);
        Assert.Equal(0, chat.Calls);
        Assert.Equal(1, schema.Count);
    }

    private static async Task<(CanonicalSchema Schema, HashingEmbeddingGenerator Embedder)> SchemaOf(params (string Name, string Definition)[] relations)
    {
        var embedder = new HashingEmbeddingGenerator();
        var schema = await CanonicalSchema.BuildAsync(relations.Select(r => new SchemaRelation(r.Name, r.Definition, RelationOrigin.Target)).ToList(), embedder, CancellationToken.None);
        return (schema, embedder);
    }

    /// <summary>
    /// Holds every call whose prompt <c>holds</c> selects (default: all) until <c>opensAt</c> of them are in flight
    /// together, or the call is cancelled.
    /// </summary>
    private sealed class GatedChatClient(IChatClient inner, int opensAt, Func<string, bool>? holds = null) : DelegatingChatClient(inner)
    {
        private readonly TaskCompletionSource open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int inFlight;
        private int mostInFlight;
        private int cancelled;

        public int MostInFlight => mostInFlight;

        public int Cancelled => cancelled;

        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            messages = [.. messages];
            if (holds is not null && !holds(string.Join("\n", messages.Select(m => m.Text))))
            {
                return await base.GetResponseAsync(messages, options, cancellationToken);
            }

            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref mostInFlight, now);
            if (now >= opensAt)
            {
                open.TrySetResult();
            }

            try
            {
                // The bound only keeps a regression (questions asked one by one) from hanging the suite.
                await open.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelled);
                throw;
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }

            return await base.GetResponseAsync(messages, options, cancellationToken);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            var seen = Volatile.Read(ref target);
            while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var previous && previous != seen)
            {
                seen = previous;
            }
        }
    }
}
