namespace EdcKg.LlamaCpp;

/// <summary>How the KV cache stores attention keys (the values stay f16: without flash attention llama.cpp keeps them transposed, unquantized).</summary>
public enum KeyCacheType
{
    /// <summary>Half precision, llama.cpp's default.</summary>
    F16,

    /// <summary>
    /// 8-bit blocks (llama.cpp's <c>-ctk q8_0</c>): half the key memory, and the query-key products of a batch run as
    /// int8 matrix products instead of f16 ones, which over a KV buffer shared by many sequences is the larger part of
    /// the attention's cost.
    /// </summary>
    Q8_0,
}

internal static class KeyCacheTypes
{
    /// <summary>
    /// Creates a context from <paramref name="parameters"/>; when llama.cpp refuses its 8-bit keys (they need a head size
    /// that is a multiple of 32) it tries once more with f16 keys. Null when no context could be made.
    /// </summary>
    public static nint CreateContext(LlamaModel model, Native.LlamaContextParams parameters)
    {
        var pointer = Native.NativeMethods.llama_init_from_model(model.Handle, parameters);
        if (pointer == nint.Zero && parameters.TypeK == KeyCacheType.Q8_0.GgmlType())
        {
            parameters.TypeK = KeyCacheType.F16.GgmlType();
            pointer = Native.NativeMethods.llama_init_from_model(model.Handle, parameters);
        }

        return pointer;
    }

    /// <summary>The ggml type id llama.cpp's <c>type_k</c> takes.</summary>
    public static int GgmlType(this KeyCacheType type) => type switch
    {
        KeyCacheType.F16 => 1,
        KeyCacheType.Q8_0 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown key cache type"),
    };
}
