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
}
