using EdcKg.Core.Prompts;
using EdcKg.OpenAi;

namespace EdcKg.Cli.ModelResolution;

/// <summary>
/// What a command says about the models it opens, whatever their kind: the <see cref="ModelResolver"/> turns these
/// into the options of each backend (llama.cpp chat and embedding, ONNX, OpenAI-compatible), so they agree on
/// threads and prompts.
/// </summary>
public sealed record ModelOptions
{
    /// <summary>A folder with another build of the llama.cpp libraries (else EDCKG_LLAMA_LIB, else the installed one).</summary>
    public string? LlamaLibrary { get; init; }

    /// <summary>Context size of a local chat model, in tokens (shared by the sequences decoded together).</summary>
    public int ContextSize { get; init; } = 8192;

    /// <summary>Layers offloaded to a GPU when the llama.cpp build has one.</summary>
    public int GpuLayers { get; init; }

    /// <summary>Threads of every local model, chat or embedder, llama.cpp or ONNX (0: one per core).</summary>
    public int Threads { get; init; }

    /// <summary>
    /// How to reach OpenAI-compatible servers; with it, <c>openai:MODEL</c> and (when it has endpoints) any name that
    /// is not a file or folder name a served model. Null: only <c>openai:MODEL</c> on the OpenAI API.
    /// </summary>
    public RemoteOptions? Remote { get; init; }

    /// <summary>Documents a local chat model decodes together (the run's parallelism).</summary>
    public int Parallelism { get; init; } = 16;

    /// <summary>
    /// Prompts of every embedder the command opens, where set; the parts left unset come from the model's own
    /// sentence-transformers prompts, then EDC's instruction prompt (<see cref="EmbeddingPrompts.Resolve"/>).
    /// </summary>
    public EmbeddingPrompts EmbeddingPrompts { get; init; } = EmbeddingPrompts.None;
}
