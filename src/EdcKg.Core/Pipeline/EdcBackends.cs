using Microsoft.Extensions.AI;

namespace EdcKg.Core.Pipeline;

/// <summary>The models of a run, one per role, as EDC names them. Any may be the same instance.</summary>
public sealed record EdcBackends(
    IChatClient OpenExtraction,
    IChatClient SchemaDefinition,
    IChatClient Verifier,
    IEmbeddingGenerator<string, Embedding<float>> CanonicalizationEmbedder,
    IChatClient? EntityExtraction = null,
    IEmbeddingGenerator<string, Embedding<float>>? SchemaRetrieverEmbedder = null);
