using System.Numerics.Tensors;
using EdcKg.Core.Prompts;
using EdcKg.Core.Retrieval;
using Microsoft.Extensions.AI;
using TestModels.Onnx;

namespace EdcKg.Onnx.Tests;

public sealed class OnnxSentenceEmbedderTests : IClassFixture<TinyModelFolder>
{
    private static readonly string[] Texts =
    [
        "Paris is the capital of France.",
        "Berlin is a city in Germany",
        "the river flows through the city",
        "he was born in Paris",
        "member of team",
        "author of the book",
        "a",
        "the person who wrote the book is the author of the book and was born in the capital city of Germany",
    ];

    private readonly TinyModelFolder model;

    public OnnxSentenceEmbedderTests(TinyModelFolder model) => this.model = model;

    [Fact]
    public async Task ReadsDimensionPoolingAndNormalisationFromTheModelFolder()
    {
        using var embedder = OnnxSentenceEmbedder.Open(model.Path);

        var vectors = await embedder.GenerateAsync(["Paris is the capital of France."]);

        Assert.Equal(32, embedder.Dimension);
        Assert.Equal(PoolingMode.Mean, embedder.Pooling);
        Assert.True(embedder.Normalizes);
        Assert.Equal(32, vectors[0].Vector.Length);
        Assert.Equal(32, embedder.Metadata.DefaultModelDimensions);
        Assert.EndsWith("/model.onnx", vectors[0].ModelId);
    }

    [Fact]
    public async Task ATextHasTheSameVectorAloneAsInsideAPaddedBatchOfThirtyTwo()
    {
        using var embedder = OnnxSentenceEmbedder.Open(model.Path, new OnnxEmbedderOptions { MaxBatchSize = 32 });
        var batch = Enumerable.Range(0, 32).Select(i => Texts[i % Texts.Length] + (i >= Texts.Length ? $" {i}" : string.Empty)).ToArray();

        var together = await embedder.GenerateAsync(batch);

        Assert.Equal(32, together.Count);
        foreach (var index in new[] { 0, 6, 7, 13, 31 })
        {
            var alone = await embedder.GenerateAsync([batch[index]]);
            AssertClose(alone[0].Vector.Span, together[index].Vector.Span, 1e-5f);
        }
    }

    [Fact]
    public async Task VectorsAreUnitLengthWhenTheModelNormalises()
    {
        using var embedder = OnnxSentenceEmbedder.Open(model.Path);

        var vectors = await embedder.GenerateAsync(Texts);

        Assert.All(vectors, v => Assert.Equal(1f, TensorPrimitives.Norm(v.Vector.Span), 4));
    }

    [Fact]
    public async Task WithoutANormalizeModuleVectorsKeepTheirPooledLength()
    {
        using var unnormalised = TinyModelFolder.With(new TinyEncoderSpec { Normalize = false, WriteQuantized = false });
        using var raw = OnnxSentenceEmbedder.Open(unnormalised.Path);
        using var normalised = OnnxSentenceEmbedder.Open(unnormalised.Path, new OnnxEmbedderOptions { Normalize = true });

        var rawVector = (await raw.GenerateAsync(["member of team"]))[0].Vector.ToArray();
        var unitVector = (await normalised.GenerateAsync(["member of team"]))[0].Vector.ToArray();

        Assert.False(raw.Normalizes);
        Assert.NotEqual(1f, TensorPrimitives.Norm(rawVector), 2);
        TensorPrimitives.Divide(rawVector, TensorPrimitives.Norm(rawVector), rawVector);
        AssertClose(unitVector, rawVector, 1e-5f);
    }

    [Fact]
    public async Task DifferentTextsGetDifferentVectorsAndTheSameTextTheSameVector()
    {
        using var embedder = OnnxSentenceEmbedder.Open(model.Path);

        var first = await embedder.GenerateAsync(Texts);
        var second = await embedder.GenerateAsync(Texts);

        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(first[i].Vector.ToArray(), second[i].Vector.ToArray());
            Assert.True(TensorPrimitives.CosineSimilarity(first[i].Vector.Span, first[(i + 1) % Texts.Length].Vector.Span) < 0.99f);
        }
    }

    [Fact]
    public async Task QueryAndPassageRolesPrependTheirPrefixesAndPassageIsTheDefault()
    {
        var options = new OnnxEmbedderOptions { Prompts = new EmbeddingPrompts("query: ", "passage: ") };
        using var embedder = OnnxSentenceEmbedder.Open(model.Path, options);
        using var unprefixed = OnnxSentenceEmbedder.Open(model.Path);

        var asQuery = await embedder.GenerateAsync(["born in"], EmbeddingOptionKeys.For(EmbeddingRole.Query));
        var asPassage = await embedder.GenerateAsync(["born in"], EmbeddingOptionKeys.For(EmbeddingRole.Passage));
        var unset = await embedder.GenerateAsync(["born in"]);
        var plain = await unprefixed.GenerateAsync(["query: born in", "passage: born in", "born in"]);

        AssertClose(plain[0].Vector.Span, asQuery[0].Vector.Span, 1e-6f);
        AssertClose(plain[1].Vector.Span, asPassage[0].Vector.Span, 1e-6f);
        AssertClose(plain[1].Vector.Span, unset[0].Vector.Span, 1e-6f);
        Assert.True(TensorPrimitives.CosineSimilarity(plain[2].Vector.Span, asQuery[0].Vector.Span) < 0.9999f);
    }

    [Fact]
    public async Task AQueryWithAnInstructionUsesTheConfiguredInstructionPromptElseEdcs()
    {
        const string instruction = "Retrieve descriptions of relations that are present in the given text.";
        using var instructed = OnnxSentenceEmbedder.Open(model.Path, new OnnxEmbedderOptions { Prompts = new EmbeddingPrompts("query: ", InstructionPrompt: "Instruct: {instruction}\nQuery: ") });
        using var plainQueries = OnnxSentenceEmbedder.Open(model.Path, new OnnxEmbedderOptions { Prompts = new EmbeddingPrompts("query: ") });
        using var ownInstruction = OnnxSentenceEmbedder.Open(model.Path, new OnnxEmbedderOptions { Prompts = new EmbeddingPrompts(InstructionPrompt: "Task: {instruction} | ") });
        var withInstruction = EmbeddingOptionKeys.For(EmbeddingRole.Query, instruction);

        Assert.Equal($"Instruct: {instruction}\nQuery: ", instructed.PrefixFor(withInstruction));
        Assert.Equal("query: ", instructed.PrefixFor(EmbeddingOptionKeys.For(EmbeddingRole.Query)));
        // EDC's schema retriever sends its instruction in this form whatever the model, as the served embedder does.
        Assert.Equal($"Instruct: {instruction}\nQuery: ", plainQueries.PrefixFor(withInstruction));
        Assert.Equal($"Task: {instruction} | ", ownInstruction.PrefixFor(withInstruction));

        var actual = await instructed.GenerateAsync(["Paris is the capital of France"], withInstruction);
        var expected = await plainQueries.GenerateAsync([$"Instruct: {instruction}\nQuery: Paris is the capital of France"], EmbeddingOptionKeys.For(EmbeddingRole.Passage));
        AssertClose(expected[0].Vector.Span, actual[0].Vector.Span, 1e-6f);
    }

    [Fact]
    public async Task QueriesTakeTheFoldersStsQueryPromptAsEdcEncodesDefinitionsForAlignment()
    {
        var prompts = new Dictionary<string, string>
        {
            ["web_search_query"] = "Instruct: Given a web search query, retrieve relevant passages that answer the query\nQuery: ",
            ["sts_query"] = "Instruct: Retrieve semantically similar text.\nQuery: ",
            ["query"] = "query: ",
        };
        using var folder = TinyModelFolder.With(new TinyEncoderSpec { Prompts = prompts, WriteQuantized = false });
        using var embedder = OnnxSentenceEmbedder.Open(folder.Path);
        using var unprefixed = OnnxSentenceEmbedder.Open(model.Path);

        var asQuery = await embedder.GenerateAsync(["the subject was born in the object"], EmbeddingOptionKeys.For(EmbeddingRole.Query));
        var plain = await unprefixed.GenerateAsync([prompts["sts_query"] + "the subject was born in the object"]);

        Assert.Equal(prompts["sts_query"], embedder.QueryPrefix);
        Assert.Equal(string.Empty, embedder.PassagePrefix);
        AssertClose(plain[0].Vector.Span, asQuery[0].Vector.Span, 1e-6f);
    }

    [Fact]
    public async Task PromptsOfTheModelFolderAreTheDefaultPrefixes()
    {
        var prompts = new Dictionary<string, string> { ["query"] = "instruct: retrieve relation\nquery: ", ["passage"] = "passage: " };
        using var folder = TinyModelFolder.With(new TinyEncoderSpec { Prompts = prompts, WriteQuantized = false });
        using var embedder = OnnxSentenceEmbedder.Open(folder.Path);

        var asQuery = await embedder.GenerateAsync(["born in"], new EmbeddingGenerationOptions { AdditionalProperties = new() { [EmbeddingOptionKeys.Role] = "Query" } });
        using var unprefixed = OnnxSentenceEmbedder.Open(model.Path);
        var plain = await unprefixed.GenerateAsync(["instruct: retrieve relation\nquery: born in"]);

        Assert.Equal(prompts["query"], embedder.QueryPrefix);
        Assert.Equal("passage: ", embedder.PassagePrefix);
        AssertClose(plain[0].Vector.Span, asQuery[0].Vector.Span, 1e-6f);
    }

    [Fact]
    public async Task AQuantizedExportLoadsTheSameWayAndAgreesWithTheFloatModel()
    {
        using var full = OnnxSentenceEmbedder.Open(model.Path);
        using var quantized = OnnxSentenceEmbedder.Open(model.Path, new OnnxEmbedderOptions { ModelFileName = "model_quantized.onnx" });

        var expected = await full.GenerateAsync(Texts);
        var actual = await quantized.GenerateAsync(Texts);

        Assert.EndsWith("/model_quantized.onnx", quantized.ModelId);
        for (var i = 0; i < Texts.Length; i++)
        {
            var cosine = TensorPrimitives.CosineSimilarity(expected[i].Vector.Span, actual[i].Vector.Span);
            Assert.InRange(cosine, 0.98f, 1.0001f);
            Assert.NotEqual(expected[i].Vector.ToArray(), actual[i].Vector.ToArray());
        }
    }

    [Fact]
    public async Task AGraphWithoutTokenTypeIdsGetsOnlyTheInputsItTakes()
    {
        using var folder = TinyModelFolder.With(new TinyEncoderSpec { TakesTokenTypeIds = false, WriteQuantized = false });
        using var embedder = OnnxSentenceEmbedder.Open(folder.Path);

        var vectors = await embedder.GenerateAsync(Texts);

        Assert.Equal(Texts.Length, vectors.Count);
    }

    [Fact]
    public async Task TheOnnxSubfolderLayoutAndATokenizerJsonWithoutVocabTxtAreRead()
    {
        using var folder = TinyModelFolder.With(new TinyEncoderSpec { WriteQuantized = false });
        using (var reference = OnnxSentenceEmbedder.Open(folder.Path))
        {
            var expected = await reference.GenerateAsync(Texts);
            Directory.CreateDirectory(Path.Combine(folder.Path, "onnx"));
            File.Move(Path.Combine(folder.Path, "model.onnx"), Path.Combine(folder.Path, "onnx", "model.onnx"));
            var vocab = File.ReadAllLines(Path.Combine(folder.Path, "vocab.txt"));
            var table = string.Join(",", vocab.Select((token, id) => $"{System.Text.Json.JsonSerializer.Serialize(token)}:{id}"));
            File.WriteAllText(
                Path.Combine(folder.Path, "tokenizer.json"),
                """{"normalizer":{"type":"BertNormalizer","lowercase":true},"model":{"type":"WordPiece","unk_token":"[UNK]","vocab":{""" + table + "}}}");
            File.Delete(Path.Combine(folder.Path, "vocab.txt"));

            using var moved = OnnxSentenceEmbedder.Open(folder.Path);
            var actual = await moved.GenerateAsync(Texts);

            for (var i = 0; i < Texts.Length; i++)
            {
                Assert.Equal(expected[i].Vector.ToArray(), actual[i].Vector.ToArray());
            }
        }
    }

    [Fact]
    public async Task ConcurrentCallersShareOneSessionAndGetTheSameVectors()
    {
        using var embedder = OnnxSentenceEmbedder.Open(model.Path, new OnnxEmbedderOptions { Threads = 1, MaxBatchSize = 4 });
        var expected = await embedder.GenerateAsync(Texts);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => embedder.GenerateAsync(Texts))));

        foreach (var result in results)
        {
            for (var i = 0; i < Texts.Length; i++)
            {
                AssertClose(expected[i].Vector.Span, result[i].Vector.Span, 1e-6f);
            }
        }
    }

    [Fact]
    public void TheFingerprintChangesWithTheWeightsAndTheSettingsButNotWithTheFolder()
    {
        using var first = OnnxSentenceEmbedder.Open(model.Path);
        using var again = OnnxSentenceEmbedder.Open(model.Path);
        using var quantized = OnnxSentenceEmbedder.Open(model.Path, new OnnxEmbedderOptions { ModelFileName = "model_quantized.onnx" });
        using var prefixed = OnnxSentenceEmbedder.Open(model.Path, new OnnxEmbedderOptions { Prompts = new EmbeddingPrompts("query: ") });
        using var copy = TinyModelFolder.With(new TinyEncoderSpec());
        using var copied = OnnxSentenceEmbedder.Open(copy.Path);

        Assert.Equal(64, first.Fingerprint.Length);
        Assert.Equal(first.Fingerprint, again.Fingerprint);
        Assert.Equal(first.Fingerprint, copied.Fingerprint);
        Assert.NotEqual(first.Fingerprint, quantized.Fingerprint);
        Assert.NotEqual(first.Fingerprint, prefixed.Fingerprint);
    }

    [Fact]
    public async Task NoTextsGiveNoVectorsAndAnEmptyTextStillGetsOne()
    {
        using var embedder = OnnxSentenceEmbedder.Open(model.Path);

        var none = await embedder.GenerateAsync([]);
        var empty = await embedder.GenerateAsync([string.Empty]);

        Assert.Empty(none);
        Assert.Equal(["[CLS]", "[SEP]"], embedder.Tokenize(string.Empty));
        Assert.Equal(1f, TensorPrimitives.Norm(Assert.Single(empty).Vector.Span), 4);
    }

    [Fact]
    public async Task CancellationStopsBetweenBatches()
    {
        using var embedder = OnnxSentenceEmbedder.Open(model.Path, new OnnxEmbedderOptions { MaxBatchSize = 1 });
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => embedder.GenerateAsync(Texts, cancellationToken: cancelled.Token));
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= tolerance, $"component {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
