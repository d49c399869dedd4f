using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;

namespace TestModels;

/// <summary>
/// A deterministic stand-in for a sentence embedder: a normalised bag of hashed lower-cased words, so texts that share
/// words are close. Queries and passages embed alike. Counts the texts it embedded.
/// </summary>
public sealed class HashingEmbeddingGenerator(int dimension = 64) : IEmbeddingGenerator<string, Embedding<float>>
{
    private int embedded;

    /// <summary>How many texts were embedded.</summary>
    public int Embedded => embedded;

    /// <summary>The roles the texts were embedded with, in order.</summary>
    public List<EmbeddingRole> Roles { get; } = [];

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var text in values)
        {
            Interlocked.Increment(ref embedded);
            lock (Roles)
            {
                Roles.Add(EmbeddingOptionKeys.RoleOf(options));
            }

            result.Add(new Embedding<float>(Embed(text, dimension)));
        }

        return Task.FromResult(result);
    }

    /// <summary>The vector of <paramref name="text"/>.</summary>
    public static float[] Embed(string text, int dimension)
    {
        var vector = new float[dimension];
        foreach (var word in text.ToLowerInvariant().Split([' ', '.', ',', '_', '\''], StringSplitOptions.RemoveEmptyEntries))
        {
            var hash = 17u;
            foreach (var c in word)
            {
                hash = (hash * 31u) + c;
            }

            vector[hash % (uint)dimension] += 1f;
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0)
        {
            for (var i = 0; i < dimension; i++)
            {
                vector[i] /= norm;
            }
        }

        return vector;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
