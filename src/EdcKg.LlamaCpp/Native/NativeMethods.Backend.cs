using System.Runtime.InteropServices;

namespace EdcKg.LlamaCpp.Native;

/// <summary>llama.h / ggml-backend.h: library version and backend start-up.</summary>
internal static partial class NativeMethods
{
    /// <summary>The logical name of libllama; <see cref="LlamaLibrary"/> maps it to the real file.</summary>
    public const string Llama = "llama";

    /// <summary>The logical name of libggml; <see cref="LlamaLibrary"/> maps it to the real file.</summary>
    public const string Ggml = "ggml";

    [LibraryImport(Llama)]
    public static partial nint llama_version();

    [LibraryImport(Llama)]
    public static partial void llama_backend_init();

    [LibraryImport(Llama)]
    public static partial nuint llama_max_parallel_sequences();

    [LibraryImport(Llama)]
    public static partial void llama_log_set(nint callback, nint userData);

    [LibraryImport(Ggml, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void ggml_backend_load_all_from_path(string directory);
}
