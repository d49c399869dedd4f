using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using TestModels;

namespace EdcKg.LlamaCpp.Tests;

/// <summary>
/// A BERT-architecture GGUF, the kind of file sentence-transformers encoders such as bge-small become for llama.cpp:
/// WordPiece tokens, bidirectional attention and CLS pooling, all read from the file.
/// </summary>
public sealed class BertEmbeddingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("edckg-bert-").FullName;
    private readonly string path;

    public BertEmbeddingTests()
    {
        path = Path.Combine(folder, "tiny-bert.gguf");
        TinyBertGguf.Write(path);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void WordPieceTokensAreLowerCasedAndFramedByClsAndSep()
    {
        using var model = LlamaModel.Load(path);

        var tokens = model.Tokenize("The Capital, Born", addBos: true, parseSpecial: false);

        Assert.Equal(6, tokens.Length);
        Assert.Equal(TinyBertGguf.Cls, tokens[0]);
        Assert.Equal(TinyBertGguf.Sep, tokens[^1]);
        Assert.Equal(model.Tokenize("the capital , born", addBos: true, parseSpecial: false), tokens);
    }

    [Fact]
    public async Task PoolingIsTheModelsClsAndTheFirstTokenSeesTheWholeInput()
    {
        using var generator = LlamaEmbeddingGenerator.Open(path, new LlamaEmbeddingOptions { Threads = 1 });

        var embeddings = await generator.GenerateAsync(["the capital of the country", "the capital of the city", "the capital of the country"]);

        Assert.Equal(EmbeddingPooling.Cls, generator.Pooling);
        Assert.All(embeddings, e => Assert.Equal(32, e.Vector.Length));
        Assert.All(embeddings, e => Assert.Equal(1f, TensorPrimitives.Norm(e.Vector.Span), 4));

        // The [CLS] state differs when only the last word does: attention runs both ways, as in the original encoder.
        Assert.True(TensorPrimitives.CosineSimilarity(embeddings[0].Vector.Span, embeddings[1].Vector.Span) < 0.9999f);
        Assert.Equal(embeddings[0].Vector.ToArray(), embeddings[2].Vector.ToArray(), (a, b) => MathF.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public async Task PromptsArePutBeforeTextsByTheirRole()
    {
        var prompts = new EdcKg.Core.Prompts.EmbeddingPrompts("query: ", "passage: ", "instruct: {instruction} query: ");
        using var prompted = LlamaEmbeddingGenerator.Open(path, new LlamaEmbeddingOptions { Threads = 1, Prompts = prompts });
        using var plain = LlamaEmbeddingGenerator.Open(path, new LlamaEmbeddingOptions { Threads = 1 });
        var query = EdcKg.Core.Prompts.EmbeddingOptionKeys.For(EdcKg.Core.Prompts.EmbeddingRole.Query);
        var instructed = EdcKg.Core.Prompts.EmbeddingOptionKeys.For(EdcKg.Core.Prompts.EmbeddingRole.Query, "find the relation");

        var actual = new[]
        {
            (await prompted.GenerateAsync(["born in"], query))[0],
            (await prompted.GenerateAsync(["born in"]))[0],
            (await prompted.GenerateAsync(["born in"], instructed))[0],
        };
        var expected = await plain.GenerateAsync(["query: born in", "passage: born in", "instruct: find the relation query: born in"]);

        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i].Vector.ToArray(), actual[i].Vector.ToArray(), (a, b) => MathF.Abs(a - b) < 1e-5f);
        }

        Assert.True(TensorPrimitives.CosineSimilarity(actual[0].Vector.Span, actual[1].Vector.Span) < 0.9999f);
    }

    [Fact]
    public async Task InputsEmbeddedTogetherEqualInputsEmbeddedAlone()
    {
        using var generator = LlamaEmbeddingGenerator.Open(path, new LlamaEmbeddingOptions { Threads = 1, BatchSize = 128 });
        string[] inputs = ["the subject entity was born in the location", "capital", "member of the team", "x"];

        var together = await generator.GenerateAsync(inputs);

        for (var i = 0; i < inputs.Length; i++)
        {
            var alone = await generator.GenerateAsync([inputs[i]]);
            var difference = together[i].Vector.ToArray().Zip(alone[0].Vector.ToArray(), (a, b) => MathF.Abs(a - b)).Max();
            Assert.True(difference < 1e-4f, $"input {i} differs by {difference}");
        }
    }

    [Fact]
    public async Task TextsLongerThanTheTrainedContextAreTruncatedThereWithAWarningAndKeepTheirSep()
    {
        var bert512Like = Path.Combine(folder, "short-context.gguf");
        TinyBertGguf.Write(bert512Like, contextLength: 16);
        var logger = new RecordingLogger();
        using var generator = LlamaEmbeddingGenerator.Open(bert512Like, new LlamaEmbeddingOptions { Threads = 1 }, logger);
        var words = Enumerable.Repeat("the capital of the country", 8).SelectMany(w => w.Split(' ')).ToArray();

        // [CLS] + 40 words + [SEP] is cut to [CLS] + 14 words + [SEP], the 16 positions the model has.
        var vectors = await generator.GenerateAsync([string.Join(' ', words), string.Join(' ', words.Take(14))]);

        Assert.Equal(16, generator.MaxSequenceLength);
        Assert.Equal(vectors[1].Vector.ToArray(), vectors[0].Vector.ToArray(), (a, b) => MathF.Abs(a - b) < 1e-5f);
        var warning = Assert.Single(logger.Messages);
        Assert.Contains("1 of 2 texts were longer than the 16 tokens", warning);
    }

    [Fact]
    public async Task APromptsFileBesideTheGgufGivesTheSamePromptRuleAsTheOnnxFolder()
    {
        var model = Path.Combine(folder, "with-prompts");
        Directory.CreateDirectory(model);
        var gguf = Path.Combine(model, "model.gguf");
        File.Copy(path, gguf);
        File.WriteAllText(Path.Combine(model, "config_sentence_transformers.json"), """{"prompts": {"sts_query": "the relation ", "query": "unused "}}""");
        using var prompted = LlamaEmbeddingGenerator.Open(gguf, new LlamaEmbeddingOptions { Threads = 1 });
        using var plain = LlamaEmbeddingGenerator.Open(path, new LlamaEmbeddingOptions { Threads = 1 });
        var query = EdcKg.Core.Prompts.EmbeddingOptionKeys.For(EdcKg.Core.Prompts.EmbeddingRole.Query);

        var actual = await prompted.GenerateAsync(["born in"], query);
        var expected = await plain.GenerateAsync(["the relation born in"]);

        Assert.Equal(new EdcKg.Core.Prompts.EmbeddingPrompts("the relation ", null, "Instruct: {instruction}\nQuery: "), prompted.Prompts);
        Assert.Equal(expected[0].Vector.ToArray(), actual[0].Vector.ToArray(), (a, b) => MathF.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public async Task DisposingTwiceReturnsAtOnce()
    {
        var generator = LlamaEmbeddingGenerator.Open(path, new LlamaEmbeddingOptions { Threads = 1 });
        generator.Dispose();

        // The second call used to wait for a turn that the first one had taken for good.
        await Task.Run(generator.Dispose).WaitAsync(TimeSpan.FromSeconds(30));
    }
}
