using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Caching;

/// <summary>
/// Middleware that keeps every embedding in the run store by (model, role and instruction, text), so that a resumed
/// or repeated run never embeds the same text with the same model twice.
/// </summary>
public sealed class CachingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, RunStore store, string modelIdentity)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    /// <inheritdoc />
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as IReadOnlyList<string> ?? values.ToList();
        var role = EmbeddingOptionKeys.RoleOf(options) + "|" + EmbeddingOptionKeys.InstructionOf(options);
        var results = new Embedding<float>?[texts.Count];
        var missing = new List<int>();
        var hashes = new byte[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            hashes[i] = CacheKey.Of(texts[i]);
            var vector = await store.TryGetEmbeddingAsync(modelIdentity, role, hashes[i], cancellationToken).ConfigureAwait(false);
            if (vector is null)
            {
                missing.Add(i);
            }
            else
            {
                results[i] = new Embedding<float>(vector);
            }
        }

        if (missing.Count > 0)
        {
            var generated = await base.GenerateAsync(missing.Select(i => texts[i]).ToList(), options, cancellationToken).ConfigureAwait(false);
            if (generated.Count != missing.Count)
            {
                throw new InvalidOperationException($"The embedder returned {generated.Count} vectors for {missing.Count} texts.");
            }

            var write = new PendingWrite();
            for (var k = 0; k < missing.Count; k++)
            {
                results[missing[k]] = generated[k];
                write.Embeddings.Add((modelIdentity, role, hashes[missing[k]], generated[k].Vector.ToArray()));
            }

            await store.WriteAsync(write, cancellationToken).ConfigureAwait(false);
        }

        return new GeneratedEmbeddings<Embedding<float>>(results.Select(r => r!));
    }
}
