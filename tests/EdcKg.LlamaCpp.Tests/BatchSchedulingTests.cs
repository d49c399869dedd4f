using EdcKg.Core.Prompts;
using EdcKg.LlamaCpp.Grammars;
using Microsoft.Extensions.AI;

namespace EdcKg.LlamaCpp.Tests;

/// <summary>
/// How the batched decoder keeps the KV buffer small: every row of a step attends over every cell in it, so cells
/// that no row of the step needs (a finished answer's, a half-evaluated prompt's, a previous stage's cached prefix)
/// cost each row evaluated meanwhile.
/// </summary>
[Collection(TinyModelCollection.Name)]
public sealed class BatchSchedulingTests(TinyModelFixture fixture)
{
    private const string Instructions =
        "Given the following text and a relational triplet extracted from it, say which of the relations below could replace the triplet's relation. Answer with one letter only.";

    private static string Question(string document, int triple) => $"{Instructions}\nText: {document} {document}\nTriplet {triple}: which relation fits?";

    private static ChatOptions Choice(int maxTokens = 8) => new()
    {
        MaxOutputTokens = maxTokens,
        AdditionalProperties = new() { [ChatOptionKeys.OutputShape] = new ChoiceShape(["A", "B", "C", "D"]) },
    };

    [Fact]
    public void OnlyShapesThatNothingCanFollowEndWhenComplete()
    {
        Assert.True(OutputShapeGrammar.EndsWhenComplete(new TripleListShape()));
        Assert.True(OutputShapeGrammar.EndsWhenComplete(new EntityListShape()));
        Assert.True(OutputShapeGrammar.EndsWhenComplete(new ChoiceShape(["A", "B", "C"])));
        Assert.False(OutputShapeGrammar.EndsWhenComplete(new ChoiceShape(["A", "AB"])));
        Assert.False(OutputShapeGrammar.EndsWhenComplete(new RelationDefinitionsShape(["birth place"])));
    }

    [Fact]
    public async Task AChoiceEndsAtItsLetterWithoutDecodingTheEndToken()
    {
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 2, ContextSize = 2048 });
        var sampled = 0;
        var response = await client.GetResponseWithLogitsAsync([new(ChatRole.User, Question(EdcPrompts.Documents[0], 1))], Choice(), _ => sampled++);

        Assert.Contains(response.Text, new[] { "A", "B", "C", "D" });
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(1, sampled); // the letter; the end token the grammar would force next is not asked for
        Assert.Equal(1, client.Statistics.Decodes); // the prompt's decode alone: no step to feed the letter back
    }

    [Fact]
    public async Task ACompleteTripleListEndsWithoutAskingTheModelForTheEnd()
    {
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 2, ContextSize = 8192, GrammarLimits = new() { MinItems = 1, MaxItems = 2, MaxStringLength = 6 } });
        var options = new ChatOptions
        {
            MaxOutputTokens = 300,
            AdditionalProperties = new() { [ChatOptionKeys.OutputShape] = new TripleListShape(), [ChatOptionKeys.AnswerPrefix] = "Triplets: " },
        };
        var sampled = 0;
        var response = await client.GetResponseWithLogitsAsync([new(ChatRole.User, EdcPrompts.Extraction(EdcPrompts.Documents[2]))], options, _ => sampled++);

        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.True(response.Text.EndsWith("]]", StringComparison.Ordinal), response.Text);
        Assert.Equal(response.Usage!.OutputTokenCount, sampled); // every row sampled gave a token of the answer
    }

    [Fact]
    public async Task APromptThatFitsWholeIntoTheNextStepIsNotSplitAcrossTwo()
    {
        // Three prompts of 81-160 tokens in 160-row steps: no two fit together, so each goes into a step of its own
        // instead of being packed into two steps, with the second split over them.
        var prompts = EdcPrompts.Documents.Take(3).Select(d => $"Read this: {d}").ToList();
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 3, ContextSize = 2048, BatchSize = 160, PrefixCaching = false });
        var lengths = prompts.Select(p => fixture.Model.Tokenize(client.PromptFor([new(ChatRole.User, p)], null), true, true).Length).ToList();
        Assert.All(lengths, n => Assert.InRange(n, 81, 160));
        Assert.True(lengths.Sum() <= 2 * 160 && lengths.Order().Take(2).Sum() > 160, string.Join(", ", lengths));

        var responses = await Task.WhenAll(prompts.Select(p => client.GetResponseAsync([new(ChatRole.User, p)], new ChatOptions { MaxOutputTokens = 1 })));

        Assert.All(responses, r => Assert.Equal(1, r.Usage!.OutputTokenCount));
        Assert.Equal(lengths.Sum(), client.Statistics.PromptTokensEvaluated);
        Assert.Equal(3, client.Statistics.Decodes);
    }

    [Fact]
    public async Task AQuestionThatWaitedForAFinishedSiblingStillSharesTheirText()
    {
        // The cache holds the instructions every question shares; two questions about one text arrive together. The
        // second waits for the first to evaluate the text, and the first is over at its letter, in that same step: the
        // text they share must outlive it.
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 4, ContextSize = 4096, ExactAttention = true });
        var first = Question(EdcPrompts.Documents[0], 1);
        var (a, b) = (Question(EdcPrompts.Documents[1], 1), Question(EdcPrompts.Documents[1], 2));
        var tokens = new[] { first, a, b }.Select(p => fixture.Model.Tokenize(client.PromptFor([new(ChatRole.User, p)], null), true, true)).ToArray();
        var instructions = tokens[0].AsSpan().CommonPrefixLength(tokens[1]);
        var text = tokens[1].AsSpan().CommonPrefixLength(tokens[2]);
        Assert.True(text >= instructions + 16, $"the questions share {text} tokens, the instructions {instructions}");

        var answers = await WhileTheDecoderWaits(client, first, () => [client.GetResponseAsync([new(ChatRole.User, a)], Choice()), client.GetResponseAsync([new(ChatRole.User, b)], Choice())]);

        Assert.Equal(text, answers[1].Usage!.CachedInputTokenCount);
        using var alone = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 1, PrefixCaching = false, ContextSize = 4096, ExactAttention = true });
        Assert.Equal((await alone.GetResponseAsync([new(ChatRole.User, b)], Choice())).Text, answers[1].Text);
    }

    [Fact]
    public async Task ANewStagesPrefixFreesTheCachedPrefixNoRequestInFlightUses()
    {
        // Stage one's prompt stays cached; stage two's requests share a prefix of their own. While the first of them
        // evaluates it (the other waits for it), the stale prefix is no longer in the buffer its rows attend over.
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 3, ContextSize = 8192 });
        var stageOne = EdcPrompts.Extraction(EdcPrompts.Documents[0]);
        var second = Enumerable.Range(1, 2).Select(t => Question(EdcPrompts.Documents[3], t)).ToList();
        var tokens = new[] { stageOne, second[0] }.Select(p => fixture.Model.Tokenize(client.PromptFor([new(ChatRole.User, p)], null), true, true)).ToArray();
        Assert.True(tokens[0].AsSpan().CommonPrefixLength(tokens[1]) < 16);
        await client.GetResponseAsync([new(ChatRole.User, stageOne)], new ChatOptions { MaxOutputTokens = 1 });
        Assert.True(client.CachedPrefixLength > 100);

        var cachedWhenAnswering = -1;
        var answers = await WhileTheDecoderWaits(client, EdcPrompts.Extraction(EdcPrompts.Documents[1]), () =>
        [
            client.GetResponseWithLogitsAsync([new(ChatRole.User, second[0])], Choice(), _ => cachedWhenAnswering = client.CachedPrefixLength),
            client.GetResponseAsync([new(ChatRole.User, second[1])], Choice()),
        ]);

        Assert.Equal(0, cachedWhenAnswering);
        Assert.True(answers[1].Usage!.CachedInputTokenCount > 16);
    }

    [Fact]
    public async Task ARequestThatSharesNothingWithTheCacheFreesItWhenNoOtherDoes()
    {
        // Stage one's prompt stays cached; stage two's first request comes alone and shares nothing with it. That
        // request would replace the cache when it finishes: the stale prefix goes before its rows attend over it.
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 3, ContextSize = 8192 });
        await client.GetResponseAsync([new(ChatRole.User, EdcPrompts.Extraction(EdcPrompts.Documents[0]))], new ChatOptions { MaxOutputTokens = 1 });
        Assert.True(client.CachedPrefixLength > 100);

        var cachedWhenAnswering = -1;
        var question = Question(EdcPrompts.Documents[3], 1);
        await client.GetResponseWithLogitsAsync([new(ChatRole.User, question)], Choice(), _ => cachedWhenAnswering = client.CachedPrefixLength);

        Assert.Equal(0, cachedWhenAnswering);
        var questionTokens = fixture.Model.Tokenize(client.PromptFor([new(ChatRole.User, question)], null), true, true);
        Assert.Equal(questionTokens.Length - 1, client.CachedPrefixLength); // the finished question is the cache now
    }

    [Fact]
    public async Task ACachedPrefixThatAWaitingRequestSharesOutlivesARequestThatDoesNot()
    {
        // Behind a request that shares nothing with the cache waits one that shares its instructions: they stay.
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 3, ContextSize = 8192 });
        var extraction = EdcPrompts.Documents.Take(3).Select(EdcPrompts.Extraction).ToList();
        var tokens = extraction.Select(p => fixture.Model.Tokenize(client.PromptFor([new(ChatRole.User, p)], null), true, true)).ToArray();
        var instructions = tokens[1].AsSpan().CommonPrefixLength(tokens[2]);
        await client.GetResponseAsync([new(ChatRole.User, extraction[0])], new ChatOptions { MaxOutputTokens = 1 });

        var answers = await WhileTheDecoderWaits(client, extraction[1], () =>
        [
            client.GetResponseAsync([new(ChatRole.User, Question(EdcPrompts.Documents[3], 1))], Choice()),
            client.GetResponseAsync([new(ChatRole.User, extraction[2])], new ChatOptions { MaxOutputTokens = 1 }),
        ]);

        Assert.True(instructions > 100);
        Assert.Equal(instructions, answers[1].Usage!.CachedInputTokenCount);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AFollowUpTakesTheTextOfThePromptItFollows(bool followUp)
    {
        // The cache holds the instructions; a question about a text is answered, and then its asker asks about the same
        // text again. Said to be followed up, the first prompt's cells stay for it, so only the new part is evaluated.
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 3, ContextSize = 4096, ExactAttention = true });
        var (other, first, next) = (Question(EdcPrompts.Documents[0], 1), Question(EdcPrompts.Documents[1], 1), Question(EdcPrompts.Documents[1], 2));
        var tokens = new[] { other, first, next }.Select(p => fixture.Model.Tokenize(client.PromptFor([new(ChatRole.User, p)], null), true, true)).ToArray();
        var instructions = tokens[0].AsSpan().CommonPrefixLength(tokens[1]);
        var text = tokens[1].AsSpan().CommonPrefixLength(tokens[2]);
        Assert.True(text >= instructions + 16, $"the questions share {text} tokens, the instructions {instructions}");
        await client.GetResponseAsync([new(ChatRole.User, other)], Choice());

        await client.GetResponseAsync([new(ChatRole.User, first)], FollowedUp(Choice(), followUp));
        Assert.Equal(followUp ? 1 : 0, client.KeptForFollowUp);
        var answer = await client.GetResponseAsync([new(ChatRole.User, next)], Choice());

        Assert.Equal(followUp ? text : instructions, answer.Usage!.CachedInputTokenCount);
        using var alone = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 1, PrefixCaching = false, ContextSize = 4096, ExactAttention = true });
        Assert.Equal((await alone.GetResponseAsync([new(ChatRole.User, next)], Choice())).Text, answer.Text);
    }

    [Fact]
    public async Task AKeptPromptGoesWhenItsFollowUpHadItsTimeOrAnotherStageComes()
    {
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 3, ContextSize = 8192 });
        await client.GetResponseAsync([new(ChatRole.User, Question(EdcPrompts.Documents[0], 1))], Choice());
        await client.GetResponseAsync([new(ChatRole.User, Question(EdcPrompts.Documents[1], 1))], FollowedUp(Choice(), true));
        Assert.Equal(1, client.KeptForFollowUp);

        // A question of the same stage about another text shares the instructions only; a few steps on, the follow-up
        // that did not come is not waited for any longer.
        var unrelated = await client.GetResponseAsync([new(ChatRole.User, Question(EdcPrompts.Documents[2], 1))], new ChatOptions { MaxOutputTokens = 4 });
        Assert.Equal(4, unrelated.Usage!.OutputTokenCount);
        Assert.Equal(0, client.KeptForFollowUp);
        var cached = client.CachedPrefixLength;
        var late = await client.GetResponseAsync([new(ChatRole.User, Question(EdcPrompts.Documents[1], 2))], Choice());
        var text = new[] { Question(EdcPrompts.Documents[1], 1), Question(EdcPrompts.Documents[1], 2) }
            .Select(p => fixture.Model.Tokenize(client.PromptFor([new(ChatRole.User, p)], null), true, true)).ToArray();
        Assert.True(cached + 16 <= text[0].AsSpan().CommonPrefixLength(text[1]));
        Assert.Equal(cached, late.Usage!.CachedInputTokenCount); // the instructions only, not the text

        // A request of another stage, which shares nothing with a kept prompt, lets it go as soon as it comes.
        await client.GetResponseAsync([new(ChatRole.User, Question(EdcPrompts.Documents[3], 1))], FollowedUp(Choice(), true));
        Assert.Equal(1, client.KeptForFollowUp);
        var keptWhenAnswering = -1;
        var otherStage = $"List the entities of this text: {EdcPrompts.Documents[4]}";
        await client.GetResponseWithLogitsAsync([new(ChatRole.User, otherStage)], new ChatOptions { MaxOutputTokens = 1 }, _ => keptWhenAnswering = client.KeptForFollowUp);
        Assert.Equal(0, keptWhenAnswering);
    }

    [Fact]
    public async Task KeptPromptsGiveWayToARequestThatNeedsTheirRoom()
    {
        const int contextSize = 2048;
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 3, ContextSize = contextSize });
        var (other, first, big) = (Question(EdcPrompts.Documents[0], 1), Question(EdcPrompts.Documents[1], 1), Question(EdcPrompts.Documents[2], 1));
        var tokens = new[] { other, first, big }.Select(p => fixture.Model.Tokenize(client.PromptFor([new(ChatRole.User, p)], null), true, true)).ToArray();
        var instructions = tokens[0].AsSpan().CommonPrefixLength(tokens[1]);
        await client.GetResponseAsync([new(ChatRole.User, other)], Choice());
        await client.GetResponseAsync([new(ChatRole.User, first)], FollowedUp(Choice(), true));
        Assert.Equal((1, instructions), (client.KeptForFollowUp, client.CachedPrefixLength));

        // Its answer limit leaves room for the cached instructions and its own cells, not for the kept prompt as well.
        var keptTail = tokens[1].Length - instructions;
        var maxTokens = contextSize - tokens[2].Length - keptTail + 1;
        using var stop = new CancellationTokenSource();
        var keptWhenAnswering = -1;
        var answering = client.GetResponseWithLogitsAsync([new(ChatRole.User, big)], new ChatOptions { MaxOutputTokens = maxTokens }, _ =>
        {
            keptWhenAnswering = client.KeptForFollowUp;
            stop.Cancel();
        }, stop.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => answering);
        Assert.Equal(0, keptWhenAnswering);
    }

    private static ChatOptions FollowedUp(ChatOptions options, bool followUp)
    {
        if (followUp)
        {
            options.AdditionalProperties![ChatOptionKeys.FollowUp] = true;
        }

        return options;
    }

    /// <summary>
    /// Answers <paramref name="first"/> alone, and while the decoder samples its answer sends the requests of
    /// <paramref name="next"/>, so that they are all waiting when it takes its next requests.
    /// </summary>
    private static async Task<ChatResponse[]> WhileTheDecoderWaits(LlamaChatClient client, string first, Func<Task<ChatResponse>[]> next)
    {
        using var sampling = new ManualResetEventSlim();
        using var sent = new ManualResetEventSlim();
        var firstAnswer = client.GetResponseWithLogitsAsync([new(ChatRole.User, first)], new ChatOptions { MaxOutputTokens = 1 }, _ =>
        {
            sampling.Set();
            sent.Wait(TimeSpan.FromMinutes(1));
        });
        Assert.True(sampling.Wait(TimeSpan.FromMinutes(1)), "the first answer was never sampled");
        var requests = next();
        sent.Set();
        await firstAnswer;
        return await Task.WhenAll(requests);
    }
}
