using EdcKg.Cli.Backends.Remote;
using EdcKg.Core.Prompts;

namespace EdcKg.Cli.Backends;

/// <summary>Options for opening local models.</summary>
public sealed record ModelOptions
{
    /// <summary>A folder with another build of the llama.cpp libraries (else EDCKG_LLAMA_LIB, else the installed one).</summary>
    public string? LlamaLibrary { get; init; }

    /// <summary>Context size of a local chat model, in tokens (shared by the sequences decoded together).</summary>
    public int ContextSize { get; init; } = 8192;

    /// <summary>Layers offloaded to a GPU when the llama.cpp build has one.</summary>
    public int GpuLayers { get; init; }

    /// <summary>Threads for local inference (0: one per core).</summary>
    public int Threads { get; init; }

    /// <summary>Models served by OpenAI-compatible servers (<c>openai:MODEL</c>, or any name with <c>--llm-endpoint</c>); disposed with the catalog.</summary>
    public RemoteBackend? Remote { get; init; }

    /// <summary>Documents a local chat model decodes together (the run's parallelism).</summary>
    public int Parallelism { get; init; } = 16;

    /// <summary>
    /// Prompts of every embedder the command opens, where set (an ONNX folder's own sentence-transformers prompts fill
    /// the parts left unset).
    /// </summary>
    public EmbeddingPrompts EmbeddingPrompts { get; init; } = EmbeddingPrompts.None;
}
