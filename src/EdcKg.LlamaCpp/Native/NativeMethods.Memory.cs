using System.Runtime.InteropServices;

namespace EdcKg.LlamaCpp.Native;

/// <summary>llama.h: the KV memory of a context, per sequence.</summary>
internal static partial class NativeMethods
{
    [LibraryImport(Llama)]
    public static partial nint llama_get_memory(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    public static partial void llama_memory_clear(nint memory, [MarshalAs(UnmanagedType.U1)] bool data);

    [LibraryImport(Llama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_memory_seq_rm(nint memory, int sequence, int fromPosition, int toPosition);

    [LibraryImport(Llama)]
    public static partial void llama_memory_seq_cp(nint memory, int source, int destination, int fromPosition, int toPosition);

    [LibraryImport(Llama)]
    public static partial int llama_memory_seq_pos_max(nint memory, int sequence);
}
