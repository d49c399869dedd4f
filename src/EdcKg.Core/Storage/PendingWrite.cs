using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;

namespace EdcKg.Core.Storage;

/// <summary>What one unit of work adds to the store; all of it is committed in the same transaction.</summary>
public sealed class PendingWrite
{
    /// <summary>Stage outputs: (iteration, stage, document index, JSON payload).</summary>
    public List<(int Iteration, string Stage, int DocumentIndex, string Payload)> StageResults { get; } = [];

    /// <summary>Relations that joined the schema, with the embedding they were indexed with.</summary>
    /// <summary>The chunk ranges of documents (a run's start stores them with its documents).</summary>
    public List<Chunking.Chunk> Chunks { get; } = [];

    /// <summary>Stage outputs of single chunks (document and chunk index), stored like <see cref="StageResults"/>.</summary>
    public List<(int Iteration, string Stage, ItemKey Key, string Payload)> ItemResults { get; } = [];

    public List<(SchemaRelation Relation, int Iteration, int DocumentIndex)> SchemaAdditions { get; } = [];

    /// <summary>Finished LLM responses keyed by their cache key, with why generation ended (null when the backend did not say).</summary>
    public List<(byte[] Key, string Response, string? FinishReason)> CachedResponses { get; } = [];

    /// <summary>Embeddings keyed by (model, role, text hash).</summary>
    public List<(string Model, string Role, byte[] TextHash, float[] Vector)> Embeddings { get; } = [];

    /// <summary>Documents whose stage failed (a later stage result for the same document clears its failure).</summary>
    public List<DocumentFailure> Failures { get; } = [];

    /// <summary>Whether there is nothing to write.</summary>
    public bool IsEmpty => StageResults.Count == 0 && ItemResults.Count == 0 && Chunks.Count == 0 && SchemaAdditions.Count == 0 && CachedResponses.Count == 0 && Embeddings.Count == 0 && Failures.Count == 0;
}
