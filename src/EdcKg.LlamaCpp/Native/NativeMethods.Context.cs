using System.Runtime.InteropServices;

namespace EdcKg.LlamaCpp.Native;

/// <summary>llama.h: contexts, decoding and reading logits or embeddings.</summary>
internal static partial class NativeMethods
{
    [LibraryImport(Llama)]
    public static partial LlamaContextParams llama_context_default_params();

    [LibraryImport(Llama)]
    public static partial nint llama_init_from_model(SafeLlamaModelHandle model, LlamaContextParams parameters);

    [LibraryImport(Llama)]
    public static partial void llama_free(nint context);

    [LibraryImport(Llama)]
    public static partial uint llama_n_ctx(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    public static partial uint llama_n_batch(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    public static partial int llama_pooling_type(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    public static partial LlamaBatch llama_batch_init(int tokens, int embedding, int sequencesPerToken);

    [LibraryImport(Llama)]
    public static partial void llama_batch_free(LlamaBatch batch);

    [LibraryImport(Llama)]
    public static partial int llama_decode(SafeLlamaContextHandle context, LlamaBatch batch);

    [LibraryImport(Llama)]
    public static unsafe partial float* llama_get_logits_ith(SafeLlamaContextHandle context, int index);

    [LibraryImport(Llama)]
    public static unsafe partial float* llama_get_embeddings_seq(SafeLlamaContextHandle context, int sequence);

    [LibraryImport(Llama)]
    public static unsafe partial float* llama_get_embeddings_ith(SafeLlamaContextHandle context, int index);
}
