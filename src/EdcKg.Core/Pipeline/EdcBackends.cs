using Microsoft.Extensions.AI;

namespace EdcKg.Core.Pipeline;

/// <summary>
/// The models of a run, one per role, as EDC names them. Any may be the same instance. Entity resolution falls back
/// to the verifier and the canonicalization embedder when its own are not given.
/// </summary>
public sealed record EdcBackends(
    IChatClient OpenExtraction,
    IChatClient SchemaDefinition,
    IChatClient Verifier,
    IEmbeddingGenerator<string, Embedding<float>> CanonicalizationEmbedder,
    IChatClient? EntityExtraction = null,
    IEmbeddingGenerator<string, Embedding<float>>? SchemaRetrieverEmbedder = null,
    IChatClient? EntityResolution = null,
    IEmbeddingGenerator<string, Embedding<float>>? EntityResolutionEmbedder = null);
