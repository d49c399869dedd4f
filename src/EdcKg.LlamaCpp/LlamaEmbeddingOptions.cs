using EdcKg.Core.Prompts;

namespace EdcKg.LlamaCpp;

/// <summary>How <see cref="LlamaEmbeddingGenerator"/> runs its context.</summary>
public sealed record LlamaEmbeddingOptions
{
    /// <summary>Pooling of token states.</summary>
    public EmbeddingPooling Pooling { get; init; } = EmbeddingPooling.FromModel;

    /// <summary>Tokens per decode; also the longest input (longer inputs are truncated, as Hugging Face does).</summary>
    public int BatchSize { get; init; } = 2048;

    /// <summary>Inputs embedded in one decode.</summary>
    public int MaxSequences { get; init; } = 32;

    /// <summary>CPU threads; null uses every core.</summary>
    public int? Threads { get; init; }

    /// <summary>Scale every embedding to unit length (what cosine retrieval expects).</summary>
    public bool Normalize { get; init; } = true;

    /// <summary>
    /// What is put before each text by its role (a GGUF carries no sentence-transformers prompts, so none by
    /// default): e5's <c>"query: "</c> / <c>"passage: "</c>, or e5-mistral's instruction prompt for the schema retriever.
    /// </summary>
    public EmbeddingPrompts Prompts { get; init; } = EmbeddingPrompts.None;
}
