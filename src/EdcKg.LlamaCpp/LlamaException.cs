namespace EdcKg.LlamaCpp;

/// <summary>A failure of the llama.cpp runtime: library not found or wrong version, a model that does not load, a failed decode.</summary>
public sealed class LlamaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LlamaException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the native status code that caused it.</summary>
    public LlamaException(string message, int nativeCode)
        : base(message) => NativeCode = nativeCode;

    /// <summary>The status code returned by llama.cpp, when there was one.</summary>
    public int? NativeCode { get; }
}
