using EdcKg.Core.Storage;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Caching;

/// <summary>Adds the run store's caches to chat client and embedding generator pipelines.</summary>
public static class RunStoreCacheBuilderExtensions
{
    /// <summary>Answers calls from <paramref name="store"/> when <paramref name="modelIdentity"/> was already asked the same (<see cref="RunStoreCachingChatClient"/>).</summary>
    public static ChatClientBuilder UseRunStoreCache(this ChatClientBuilder builder, RunStore store, string modelIdentity)
        => builder.Use(inner => new RunStoreCachingChatClient(inner, store, modelIdentity));

    /// <summary>Keeps every embedding in <paramref name="store"/> (<see cref="RunStoreCachingEmbeddingGenerator"/>).</summary>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> UseRunStoreCache(this EmbeddingGeneratorBuilder<string, Embedding<float>> builder, RunStore store, string modelIdentity)
        => builder.Use(inner => new RunStoreCachingEmbeddingGenerator(inner, store, modelIdentity));
}
