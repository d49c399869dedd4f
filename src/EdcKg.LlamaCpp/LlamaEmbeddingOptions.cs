using EdcKg.Core.Prompts;

namespace EdcKg.LlamaCpp;

/// <summary>How <see cref="LlamaEmbeddingGenerator"/> runs its context.</summary>
public sealed record LlamaEmbeddingOptions
{
    /// <summary>Pooling of token states.</summary>
    public EmbeddingPooling Pooling { get; init; } = EmbeddingPooling.FromModel;

    /// <summary>
    /// Tokens per decode; an input gets at most this many, and at most the model's trained context (longer inputs
    /// are truncated with a warning, as Hugging Face truncates them).
    /// </summary>
    public int BatchSize { get; init; } = 2048;

    /// <summary>Inputs embedded in one decode.</summary>
    public int MaxSequences { get; init; } = 32;

    /// <summary>CPU threads; null uses one per core, as every local backend does.</summary>
    public int? Threads { get; init; }

    /// <summary>Scale every embedding to unit length (what cosine retrieval expects).</summary>
    public bool Normalize { get; init; } = true;

    /// <summary>
    /// Prompts put before texts by their role (see <see cref="EmbeddingPrompts.Resolve"/>): each part left unset is
    /// taken from a <c>config_sentence_transformers.json</c> beside the GGUF (a GGUF itself carries none), then from
    /// EDC's instruction prompt, the rule every embedder follows.
    /// </summary>
    public EmbeddingPrompts Prompts { get; init; } = EmbeddingPrompts.None;

    /// <summary>A folder with another build of the llama.cpp libraries, when the generator loads the model itself.</summary>
    public string? LibraryFolder { get; init; }
}
