using System.Text.Json;
using System.Text.RegularExpressions;
using EdcKg.Core.Prompts;
using EdcKg.LlamaCpp.Grammars;
using Microsoft.Extensions.AI;

namespace EdcKg.LlamaCpp.Tests;

[Collection(TinyModelCollection.Name)]
public sealed partial class LlamaChatClientTests(TinyModelFixture fixture)
{
    private static readonly GrammarLimits SmallLimits = new() { MaxItems = 3, MaxStringLength = 8, MaxDefinitionLength = 30 };

    [Fact]
    public async Task GreedyAnswerStopsAtTheTokenLimitAndReportsUsage()
    {
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 2, ContextSize = 2048 });
        var response = await client.GetResponseAsync([new(ChatRole.User, "Hello there")], new() { MaxOutputTokens = 8 });
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(8, response.Usage!.OutputTokenCount);
        Assert.True(response.Usage.InputTokenCount > 5);
        Assert.NotEmpty(response.Text);
    }

    [Theory]
    [InlineData(KeyCacheType.F16)]
    [InlineData(KeyCacheType.Q8_0)]
    public async Task EitherKeyCacheTypeDecodesABatch(KeyCacheType keyCache)
    {
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 2, ContextSize = 2048, KeyCache = keyCache });
        var responses = await Task.WhenAll(new[] { "Hello there", "Hello again" }.Select(p => client.GetResponseAsync([new(ChatRole.User, p)], new() { MaxOutputTokens = 6 })));
        Assert.All(responses, r => Assert.Equal(6, r.Usage!.OutputTokenCount));
        Assert.True(client.Statistics.Decodes < 12, $"{client.Statistics.Decodes} decodes: the two answers were decoded together");
    }

    [Fact]
    public async Task StatisticsTellAnswerStepsFromDecodesWithPromptTokens()
    {
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 2, ContextSize = 2048, PrefixCaching = false });
        await Task.WhenAll(new[] { "Hello there", "Hello again" }.Select(p => client.GetResponseAsync([new(ChatRole.User, p)], new() { MaxOutputTokens = 5 })));
        var statistics = client.Statistics;

        // The prompts' decode gives each its first token, the other 4 come from 4 answer steps of both. (When the second
        // request comes after the first's prompt was decoded, its prompt goes in a decode with the first's answer token.)
        Assert.InRange(statistics.Decodes - statistics.AnswerSteps, 1, 2);
        Assert.Equal(4, statistics.AnswerSteps);
        Assert.Equal(8 - (statistics.Decodes - statistics.AnswerSteps - 1), statistics.AnswerStepTokens);
        Assert.True(statistics.AnswerStepTime > TimeSpan.Zero);
        Assert.True(statistics.PromptDecodeTime > TimeSpan.Zero);
    }

    [Fact]
    public async Task StatisticsReadRightAfterAnAnswerIncludeIt()
    {
        // A benchmark reads the counters as soon as a stage's last answer is back: the step that produced it must
        // already be counted (answers are handed back on other threads than the decoding one).
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 1, ContextSize = 1024 });
        var (promptTokens, answerTokens) = (0L, 0L);
        for (var i = 1; i <= 12; i++)
        {
            var response = await client.GetResponseAsync([new(ChatRole.User, $"Hello number {i}")], new() { MaxOutputTokens = 2 });
            var statistics = client.Statistics;
            promptTokens += response.Usage!.InputTokenCount!.Value;
            answerTokens += response.Usage.OutputTokenCount!.Value;
            Assert.Equal(i, statistics.Requests);
            Assert.Equal(promptTokens, statistics.PromptTokens);
            Assert.Equal(answerTokens, statistics.GeneratedTokens);
        }
    }

    [Fact]
    public async Task SeededSamplingWithATemperatureIsRepeatable()
    {
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 2, ContextSize = 1024 });
        var options = new ChatOptions { Temperature = 0.8f, Seed = 42, MaxOutputTokens = 12 };
        var first = await client.GetResponseAsync([new(ChatRole.User, "Hello")], options);
        var second = await client.GetResponseAsync([new(ChatRole.User, "Hello")], options);
        Assert.Equal(12, first.Usage!.OutputTokenCount);
        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public async Task AnswerPrefixIsAppendedAfterTheGenerationPrompt()
    {
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 1, ContextSize = 1024 });
        var options = new ChatOptions { AdditionalProperties = new() { [ChatOptionKeys.AnswerPrefix] = "Triplets: " } };
        Assert.Equal("<|im_start|>user\nText<|im_end|>\n<|im_start|>assistant\nTriplets: ", client.PromptFor([new(ChatRole.User, "Text")], options));
    }

    [Fact]
    public async Task BatchedPrefixCachedGreedyOutputEqualsOneAtATimeTokenForToken()
    {
        var prompts = EdcPrompts.Documents.Take(3).Select(EdcPrompts.Extraction).ToList();
        var options = new ChatOptions { MaxOutputTokens = 12 };

        using var naive = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 1, PrefixCaching = false, ContextSize = 4096, ExactAttention = true });
        var expected = new List<string>();
        foreach (var prompt in prompts)
        {
            expected.Add((await naive.GetResponseAsync([new(ChatRole.User, prompt)], options)).Text);
        }

        using var batched = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 4, ContextSize = 8192, ExactAttention = true });
        var responses = await Task.WhenAll(prompts.Select(p => batched.GetResponseAsync([new(ChatRole.User, p)], options)));

        Assert.Equal(expected, responses.Select(r => r.Text));
        var naiveStatistics = naive.Statistics;
        var batchedStatistics = batched.Statistics;
        Assert.Equal(naiveStatistics.PromptTokens, batchedStatistics.PromptTokens);
        Assert.Equal(naiveStatistics.PromptTokens, naiveStatistics.PromptTokensEvaluated);
        // The instructions and examples were evaluated once, not three times.
        Assert.True(batchedStatistics.PromptTokensEvaluated * 2 < naiveStatistics.PromptTokensEvaluated, $"{batchedStatistics} vs {naiveStatistics}");
        Assert.True(batchedStatistics.Decodes < naiveStatistics.Decodes);
        Assert.True(responses.Skip(1).All(r => r.Usage!.CachedInputTokenCount > 0));
    }

    [Fact]
    public async Task BatchedPrefixCachedLogitsAgreeWithOneAtATimeWithinFloatRounding()
    {
        var prompts = EdcPrompts.Documents.Skip(3).Take(2).Select(EdcPrompts.Extraction).ToList();
        var options = new ChatOptions { MaxOutputTokens = 8 };
        var naive = prompts.Select(_ => new List<float[]>()).ToList();
        using (var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 1, PrefixCaching = false, ContextSize = 4096, ExactAttention = true }))
        {
            for (var i = 0; i < prompts.Count; i++)
            {
                await client.GetResponseWithLogitsAsync([new(ChatRole.User, prompts[i])], options, naive[i].Add);
            }
        }

        var batched = prompts.Select(_ => new List<float[]>()).ToList();
        using (var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 4, ContextSize = 8192, ExactAttention = true }))
        {
            await Task.WhenAll(prompts.Select((p, i) => client.GetResponseWithLogitsAsync([new(ChatRole.User, p)], options, batched[i].Add)));
        }

        for (var i = 0; i < prompts.Count; i++)
        {
            Assert.Equal(naive[i].Count, batched[i].Count);
            var largest = naive[i].Zip(batched[i], (a, b) => a.Zip(b, (x, y) => MathF.Abs(x - y)).Max()).Max();
            Assert.True(largest < 1e-4f, $"document {i}: logits differ by up to {largest}");
        }
    }

    [Fact]
    public async Task TripleListGrammarAlwaysYieldsAParseableList()
    {
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 6, ContextSize = 8192, GrammarLimits = SmallLimits });
        var options = new ChatOptions
        {
            MaxOutputTokens = 400,
            AdditionalProperties = new() { [ChatOptionKeys.OutputShape] = new TripleListShape(), [ChatOptionKeys.AnswerPrefix] = "Triplets: " },
        };
        var responses = await Task.WhenAll(EdcPrompts.Documents.Take(3).Select(d => client.GetResponseAsync([new(ChatRole.User, EdcPrompts.Extraction(d))], options)));
        foreach (var response in responses)
        {
            Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
            Assert.Matches(TripleList(), response.Text);
        }
    }

    [Fact]
    public async Task EntityListDefinitionsAndChoiceGrammarsYieldWhatTheParsersRead()
    {
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 4, ContextSize = 4096, GrammarLimits = SmallLimits });
        ChatOptions Shape(OutputShape shape) => new() { MaxOutputTokens = 300, AdditionalProperties = new() { [ChatOptionKeys.OutputShape] = shape } };
        var message = new ChatMessage(ChatRole.User, "Alan Bean was born in Wheeler, Texas.");

        var entities = await client.GetResponseAsync([message], Shape(new EntityListShape()));
        var definitions = await client.GetResponseAsync([message], Shape(new RelationDefinitionsShape(["birth place", "occupation"])));
        var choice = await client.GetResponseAsync([message], Shape(new ChoiceShape(["A", "B", "C"])));

        Assert.Matches(EntityList(), entities.Text);
        var lines = definitions.Text.Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("birth place: ", lines[0]);
        Assert.StartsWith("occupation: ", lines[1]);
        Assert.Contains(choice.Text, new[] { "A", "B", "C" });
    }

    [Fact]
    public async Task JsonSchemaResponseFormatYieldsJsonWithTheRequiredProperties()
    {
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 1, ContextSize = 2048 });
        var schema = JsonDocument.Parse("""
            {"type":"object","properties":{"name":{"type":"string","maxLength":8},"age":{"type":"integer"},"tags":{"type":"array","items":{"enum":["x","y"]},"maxItems":2}},"required":["name","age","tags"]}
            """).RootElement;
        var response = await client.GetResponseAsync([new(ChatRole.User, "Describe a person")], new() { MaxOutputTokens = 700, ResponseFormat = ChatResponseFormat.ForJsonSchema(schema) });
        using var json = JsonDocument.Parse(response.Text);
        Assert.Equal(JsonValueKind.String, json.RootElement.GetProperty("name").ValueKind);
        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("age").ValueKind);
        Assert.All(json.RootElement.GetProperty("tags").EnumerateArray(), t => Assert.Contains(t.GetString(), new[] { "x", "y" }));
    }

    [Fact]
    public async Task StreamingYieldsTheSameTextAsTheWholeResponse()
    {
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 2, ContextSize = 2048 });
        var options = new ChatOptions { MaxOutputTokens = 20 };
        var whole = await client.GetResponseAsync([new(ChatRole.User, "Stream this")], options);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync([new(ChatRole.User, "Stream this")], options))
        {
            updates.Add(update);
        }

        Assert.Equal(whole.Text, string.Concat(updates.Select(u => u.Text)));
        Assert.Contains(updates, u => u.Contents.OfType<UsageContent>().Any(c => c.Details.OutputTokenCount == 20));
    }

    [Fact]
    public async Task StopSequenceEndsTheAnswerBeforeIt()
    {
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 1, ContextSize = 2048 });
        var free = await client.GetResponseAsync([new(ChatRole.User, "Go")], new() { MaxOutputTokens = 30 });
        var stop = free.Text.Substring(free.Text.Length / 2, 2);
        var cut = await client.GetResponseAsync([new(ChatRole.User, "Go")], new() { MaxOutputTokens = 30, StopSequences = [stop] });
        Assert.Equal(ChatFinishReason.Stop, cut.FinishReason);
        Assert.Equal(free.Text[..free.Text.IndexOf(stop, StringComparison.Ordinal)], cut.Text);
    }

    [Fact]
    public async Task CancellationStopsARunningAnswer()
    {
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 1, ContextSize = 4096 });
        using var cancellation = new CancellationTokenSource();
        var pieces = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync([new(ChatRole.User, "Write a lot")], new() { MaxOutputTokens = 3000 }, cancellation.Token))
            {
                // Cancel once the answer is being decoded.
                pieces++;
                cancellation.Cancel();
            }
        });
        Assert.True(pieces >= 1);
        // The client keeps working after a cancelled request.
        var after = await client.GetResponseAsync([new(ChatRole.User, "Hi")], new() { MaxOutputTokens = 4 });
        Assert.Equal(4, after.Usage!.OutputTokenCount);
    }

    [Fact]
    public async Task RequestsArrivingTogetherEvaluateTheirSharedPrefixOnce()
    {
        var prompts = EdcPrompts.Documents.Select(EdcPrompts.Extraction).ToList();
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 6, ContextSize = 8192 });
        var tokens = prompts.Select(p => fixture.Model.Tokenize(client.PromptFor([new(ChatRole.User, p)], null), true, true)).ToList();
        var shared = tokens.Skip(1).Min(t => tokens[0].AsSpan().CommonPrefixLength(t));

        await Task.WhenAll(prompts.Select(p => client.GetResponseAsync([new(ChatRole.User, p)], new ChatOptions { MaxOutputTokens = 2 })));

        // The first prompt is evaluated whole; the others wait for its prefix instead of evaluating it alongside.
        var most = tokens[0].Length + tokens.Skip(1).Sum(t => t.Length - shared);
        Assert.InRange(client.Statistics.PromptTokensEvaluated, tokens.Sum(t => t.Length - shared), most);
    }

    [Fact]
    public async Task PromptsSharingADocumentReuseItAndAnswerAsAlone()
    {
        // Canonicalization asks about each triple of a document with the document's text first: requests of one
        // document share that text even though requests of different documents share almost nothing.
        static string Question(string document, int triple) => $"Text: {document}\nTriple {triple}: which relation fits? Answer with one letter.";
        var prompts = EdcPrompts.Documents.Take(2).SelectMany(d => Enumerable.Range(1, 3).Select(t => Question(string.Concat(Enumerable.Repeat(d + " ", 4)), t))).ToList();
        var options = new ChatOptions { MaxOutputTokens = 6 };

        using var naive = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 1, PrefixCaching = false, ContextSize = 4096, ExactAttention = true });
        var expected = new List<string>();
        foreach (var prompt in prompts)
        {
            expected.Add((await naive.GetResponseAsync([new(ChatRole.User, prompt)], options)).Text);
        }

        using var batched = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 6, ContextSize = 8192, ExactAttention = true });
        var responses = await Task.WhenAll(prompts.Select(p => batched.GetResponseAsync([new(ChatRole.User, p)], options)));

        Assert.Equal(expected, responses.Select(r => r.Text));
        Assert.True(batched.Statistics.PromptTokensEvaluated * 2 < naive.Statistics.PromptTokensEvaluated, $"{batched.Statistics} vs {naive.Statistics}");
    }

    [Fact]
    public async Task AFinishedStagesPrefixStaysCachedForItsNextRequest()
    {
        var prompts = EdcPrompts.Documents.Take(2).Select(EdcPrompts.Extraction).ToList();
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 2, ContextSize = 8192 });
        var first = await client.GetResponseAsync([new(ChatRole.User, prompts[0])], new ChatOptions { MaxOutputTokens = 2 });
        var second = await client.GetResponseAsync([new(ChatRole.User, prompts[1])], new ChatOptions { MaxOutputTokens = 2 });

        Assert.Equal(0, first.Usage!.CachedInputTokenCount);
        Assert.True(second.Usage!.CachedInputTokenCount > second.Usage.InputTokenCount / 2, $"{second.Usage.CachedInputTokenCount} of {second.Usage.InputTokenCount}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)] // two threads: the constrained sequences are sampled side by side
    public async Task BatchedGrammarAnswersEqualOneAtATimeGrammarAnswers(int threads)
    {
        var prompts = EdcPrompts.Documents.Take(3).Select(EdcPrompts.Extraction).ToList();
        var options = new ChatOptions
        {
            MaxOutputTokens = 40,
            AdditionalProperties = new() { [ChatOptionKeys.OutputShape] = new TripleListShape(), [ChatOptionKeys.AnswerPrefix] = "Triplets: " },
        };
        using var naive = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 1, PrefixCaching = false, ContextSize = 4096, ExactAttention = true, GrammarLimits = SmallLimits });
        var expected = new List<string>();
        foreach (var prompt in prompts)
        {
            expected.Add((await naive.GetResponseAsync([new(ChatRole.User, prompt)], options)).Text);
        }

        using var batched = new LlamaChatClient(fixture.Model, new() { Threads = threads, MaxParallelSequences = 4, ContextSize = 8192, ExactAttention = true, GrammarLimits = SmallLimits });
        var responses = await Task.WhenAll(prompts.Select(p => batched.GetResponseAsync([new(ChatRole.User, p)], options)));

        Assert.Equal(expected, responses.Select(r => r.Text));
    }

    [Fact]
    public async Task DisposingTheModelBeforeTheClientIsSafe()
    {
        var model = LlamaModel.Load(fixture.ModelPath);
        var client = new LlamaChatClient(model, new() { Threads = 1, MaxParallelSequences = 1, ContextSize = 1024 });
        model.Dispose();
        var response = await client.GetResponseAsync([new(ChatRole.User, "Hi")], new() { MaxOutputTokens = 3 });
        Assert.Equal(3, response.Usage!.OutputTokenCount);
        client.Dispose();
        client.Dispose();
    }

    [Fact]
    public async Task PromptLongerThanTheContextFailsWithAClearError()
    {
        using var client = new LlamaChatClient(fixture.Model, new() { Threads = 1, MaxParallelSequences = 1, ContextSize = 256 });
        var error = await Assert.ThrowsAsync<LlamaException>(() => client.GetResponseAsync([new(ChatRole.User, new string('x', 2000))], new() { MaxOutputTokens = 8 }));
        Assert.Contains("context size", error.Message);
    }

    [GeneratedRegex("""^\[(\[('[^'\n]+'|"[^"\n]+"), ('[^'\n]+'|"[^"\n]+"), ('[^'\n]+'|"[^"\n]+")\](, (?=\[)|(?=\])))*\]$""")]
    private static partial Regex TripleList();

    [GeneratedRegex("""^\[(('[^'\n]+'|"[^"\n]+")(, (?=['"])|(?=\])))*\]$""")]
    private static partial Regex EntityList();
}
