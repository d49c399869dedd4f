namespace EdcKg.LlamaCpp;

/// <summary><c>llama_decode</c> failed: no room left in the KV cache (code 1), aborted (2), or an internal error (negative).</summary>
public sealed class LlamaDecodeException : Exception
{
    /// <summary>Creates the exception for the status <paramref name="code"/> returned by <c>llama_decode</c>.</summary>
    public LlamaDecodeException(int code)
        : base(Describe(code)) => Code = code;

    /// <summary>The status returned by <c>llama_decode</c>.</summary>
    public int Code { get; }

    private static string Describe(int code) => code switch
    {
        1 => "llama_decode found no free KV cache slot for the batch (code 1): raise the context size or lower the parallelism.",
        2 => "llama_decode was aborted (code 2).",
        -1 => "llama_decode was given an invalid batch (code -1).",
        _ => $"llama_decode failed with code {code}.",
    };
}
