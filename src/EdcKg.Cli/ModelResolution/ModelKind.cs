namespace EdcKg.Cli.ModelResolution;

/// <summary>What a model option's value names, and so which backend opens it.</summary>
public enum ModelKind
{
    /// <summary>A GGUF file (recognised by its magic bytes) for the local llama.cpp runtime: a chat model or an embedder.</summary>
    Gguf,

    /// <summary>A sentence-transformers ONNX export (its folder, or an <c>.onnx</c> file in it) for onnxruntime: an embedder.</summary>
    Onnx,

    /// <summary>A model served by an OpenAI-compatible server (<c>openai:MODEL</c>, or any other name with <c>--llm-endpoint</c>).</summary>
    Served,
}
