using Microsoft.Extensions.AI;

namespace EdcKg.Benchmarks.Entities;

/// <summary>Returns the generated population's synthetic embedding of each mention text (see <see cref="SyntheticEntityPopulation"/>).</summary>
internal sealed class PopulationEmbedder(IReadOnlyDictionary<string, float[]> vectors) : IEmbeddingGenerator<string, Embedding<float>>
{
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        => Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(vectors[v]))));

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
