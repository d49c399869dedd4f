namespace EdcKg.LlamaCpp;

/// <summary>How a GGUF model is loaded.</summary>
public sealed record LlamaModelOptions
{
    /// <summary>Layers offloaded to a GPU (0 on a CPU-only build).</summary>
    public int GpuLayers { get; init; }

    /// <summary>Folder holding libllama/libggml; null searches the usual places (see <see cref="Native.LlamaLibrary"/>).</summary>
    public string? LibraryFolder { get; init; }
}
