using EdcKg.Core.Caching;
using EdcKg.Core.Storage;
using EdcKg.Core.Usage;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Pipeline;

/// <summary>
/// The middleware every model of a run gets, whichever backend serves it: the run store's cache outermost, so a
/// resumed or repeated run never pays twice for a call, then usage recording, so usage counts only the requests that
/// reached a model.
/// </summary>
internal static class ModelMiddleware
{
    /// <summary>The models of <paramref name="backends"/>, each wrapped; caches and usage name them by <paramref name="identities"/>.</summary>
    public static EdcBackends Apply(EdcBackends backends, IReadOnlyDictionary<ModelRole, string> identities, RunStore store, UsageLedger usage)
    {
        IChatClient Chat(IChatClient client, ModelRole role)
        {
            var identity = identities.GetValueOrDefault(role, role.Label());
            return new ChatClientBuilder(client)
                .UseRunStoreCache(store, identity)
                .UseUsageRecording(usage, role.Label(), ModelLabel.Of(identity))
                .Build();
        }

        IEmbeddingGenerator<string, Embedding<float>> Embedder(IEmbeddingGenerator<string, Embedding<float>> embedder, ModelRole role)
        {
            var identity = identities.GetValueOrDefault(role, role.Label());
            return new EmbeddingGeneratorBuilder<string, Embedding<float>>(embedder)
                .UseRunStoreCache(store, identity)
                .UseUsageRecording(usage, role.Label(), ModelLabel.Of(identity))
                .Build();
        }

        return new EdcBackends(
            Chat(backends.OpenExtraction, ModelRole.OpenExtraction),
            Chat(backends.SchemaDefinition, ModelRole.SchemaDefinition),
            Chat(backends.Verifier, ModelRole.SchemaCanonicalization),
            Embedder(backends.CanonicalizationEmbedder, ModelRole.CanonicalizationEmbedder),
            backends.EntityExtraction is { } entities ? Chat(entities, ModelRole.EntityExtraction) : null,
            backends.SchemaRetrieverEmbedder is { } retriever ? Embedder(retriever, ModelRole.SchemaRetrieverEmbedder) : null,
            backends.EntityResolution is { } resolver ? Chat(resolver, ModelRole.EntityResolution) : null,
            backends.EntityResolutionEmbedder is { } entityEmbedder ? Embedder(entityEmbedder, ModelRole.EntityResolutionEmbedder) : null);
    }
}
