using System.Collections.Concurrent;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Caching;

/// <summary>
/// Middleware that keeps every embedding in the run store by (model, role and instruction, text), so that a resumed
/// or repeated run never embeds the same text with the same model twice. Concurrent requests for a text that is
/// being embedded wait for that one computation instead of starting another.
/// </summary>
public sealed class RunStoreCachingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, RunStore store, string modelIdentity)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private readonly ConcurrentDictionary<string, Task<float[]>> inFlight = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as IReadOnlyList<string> ?? values.ToList();
        var role = EmbeddingOptionKeys.RoleOf(options) + "|" + EmbeddingOptionKeys.InstructionOf(options);
        var results = new Task<float[]>[texts.Count];
        var owned = new List<(int Index, byte[] Hash, string Key, TaskCompletionSource<float[]> Completion)>();
        for (var i = 0; i < texts.Count; i++)
        {
            var hash = CacheKey.Of(texts[i]);
            var key = role + "\u0001" + Convert.ToHexString(hash);
            if (inFlight.TryGetValue(key, out var pending))
            {
                results[i] = pending;
                continue;
            }

            var stored = await store.TryGetEmbeddingAsync(modelIdentity, role, hash, cancellationToken).ConfigureAwait(false);
            if (stored is not null)
            {
                results[i] = Task.FromResult(stored);
                continue;
            }

            var completion = new TaskCompletionSource<float[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            var winner = inFlight.GetOrAdd(key, completion.Task);
            results[i] = winner;
            if (winner == completion.Task)
            {
                owned.Add((i, hash, key, completion));
            }
        }

        if (owned.Count > 0)
        {
            await ComputeAsync(texts, owned, role, options, cancellationToken).ConfigureAwait(false);
        }

        var vectors = await Task.WhenAll(results).ConfigureAwait(false);
        return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v)));
    }

    private async Task ComputeAsync(IReadOnlyList<string> texts, List<(int Index, byte[] Hash, string Key, TaskCompletionSource<float[]> Completion)> owned, string role, EmbeddingGenerationOptions? options, CancellationToken cancellationToken)
    {
        try
        {
            var generated = await base.GenerateAsync(owned.Select(o => texts[o.Index]).ToList(), options, cancellationToken).ConfigureAwait(false);
            if (generated.Count != owned.Count)
            {
                throw new InvalidOperationException($"The embedder returned {generated.Count} vectors for {owned.Count} texts.");
            }

            var write = new PendingWrite();
            var vectors = generated.Select(g => g.Vector.ToArray()).ToList();
            for (var k = 0; k < owned.Count; k++)
            {
                write.Embeddings.Add((modelIdentity, role, owned[k].Hash, vectors[k]));
            }

            await store.WriteAsync(write, cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < owned.Count; k++)
            {
                owned[k].Completion.TrySetResult(vectors[k]);
            }
        }
        catch (Exception e)
        {
            foreach (var o in owned)
            {
                o.Completion.TrySetException(e);
            }

            throw;
        }
        finally
        {
            foreach (var o in owned)
            {
                inFlight.TryRemove(new KeyValuePair<string, Task<float[]>>(o.Key, o.Completion.Task));
            }
        }
    }
}
