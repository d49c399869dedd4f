using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace EdcKg.LlamaCpp.Tests;

[Collection(TinyModelCollection.Name)]
public sealed class LlamaEmbeddingGeneratorTests(TinyModelFixture fixture)
{
    private static readonly string[] Relations =
    [
        "The subject entity was born in the location specified by the object entity.",
        "The subject entity is the capital of the object entity.",
        "country",
    ];

    [Fact]
    public async Task DecoderWithoutPoolingMetadataUsesLastTokenPoolingAndUnitVectors()
    {
        using var generator = new LlamaEmbeddingGenerator(fixture.Model, new() { Threads = 1 });
        Assert.Equal(EmbeddingPooling.Last, generator.Pooling);
        var embeddings = await generator.GenerateAsync(Relations);
        Assert.Equal(Relations.Length, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(64, e.Vector.Length));
        Assert.All(embeddings, e => Assert.Equal(1f, TensorPrimitives.Norm(e.Vector.Span), 4));
        Assert.True(TensorPrimitives.CosineSimilarity(embeddings[0].Vector.Span, embeddings[1].Vector.Span) < 0.9999f);
        Assert.True(embeddings.Usage!.InputTokenCount > 10);
    }

    [Fact]
    public async Task InputsEmbeddedTogetherEqualInputsEmbeddedAlone()
    {
        using var generator = new LlamaEmbeddingGenerator(fixture.Model, new() { Threads = 1, Pooling = EmbeddingPooling.Mean, BatchSize = 512 });
        Assert.Equal(EmbeddingPooling.Mean, generator.Pooling);
        var together = await generator.GenerateAsync(Relations);
        for (var i = 0; i < Relations.Length; i++)
        {
            var alone = await generator.GenerateAsync([Relations[i]]);
            var difference = together[i].Vector.ToArray().Zip(alone[0].Vector.ToArray(), (a, b) => MathF.Abs(a - b)).Max();
            Assert.True(difference < 1e-4f, $"input {i} differs by {difference}");
        }
    }

    [Fact]
    public async Task ManyInputsAreSplitIntoSeveralBatches()
    {
        using var generator = new LlamaEmbeddingGenerator(fixture.Model, new() { Threads = 1, BatchSize = 128, MaxSequences = 4 });
        var inputs = Enumerable.Range(0, 11).Select(i => $"relation number {i} of the schema").ToList();
        var embeddings = await generator.GenerateAsync(inputs);
        Assert.Equal(11, embeddings.Count);
        var first = await generator.GenerateAsync([inputs[10]]);
        Assert.Equal(first[0].Vector.ToArray(), embeddings[10].Vector.ToArray(), (a, b) => MathF.Abs(a - b) < 1e-4f);
    }
}
