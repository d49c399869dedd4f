using EdcKg.LlamaCpp.Grammars;

namespace EdcKg.LlamaCpp;

/// <summary>How <see cref="LlamaChatClient"/> runs its context.</summary>
public sealed record LlamaChatClientOptions
{
    /// <summary>KV cells shared by all sequences (the shared prompt prefix is stored once).</summary>
    public int ContextSize { get; init; } = 8192;

    /// <summary>Most tokens submitted to one <c>llama_decode</c>.</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>CPU threads; null uses every core.</summary>
    public int? Threads { get; init; }

    /// <summary>Requests decoded together; 1 gives the one-at-a-time path.</summary>
    public int MaxParallelSequences { get; init; } = 16;

    /// <summary>Evaluate a prompt prefix shared with earlier requests once and copy its KV cells.</summary>
    public bool PrefixCaching { get; init; } = true;

    /// <summary>Shortest common prefix (in tokens) worth copying from the cache.</summary>
    public int MinSharedPrefixTokens { get; init; } = 16;

    /// <summary>Answer length when the request sets no <c>MaxOutputTokens</c>.</summary>
    public int DefaultMaxOutputTokens { get; init; } = 512;

    /// <summary>Bounds written into the output-shape grammars.</summary>
    public GrammarLimits GrammarLimits { get; init; } = new();

    /// <summary>
    /// Flash attention: null lets llama.cpp decide. Off by default because on the CPU build the flash-attention
    /// kernel made batched decoding over a shared KV buffer about twice as slow (benchmark llama-batching: 4.97 vs
    /// 9.49 documents/s with 16 sequences), while the one-at-a-time path was unchanged.
    /// </summary>
    public bool? FlashAttention { get; init; } = false;

    /// <summary>
    /// How the KV cache stores keys. 8-bit by default: with 16 sequences decoded over one shared KV buffer the query-key
    /// products are a large part of each step, and llama.cpp runs them as int8 products on 8-bit keys (bench llm on the
    /// 750M realistic-shape model, 2 threads: an answer step of 16 sequences 224-237 ms instead of 248-260 ms).
    /// Ignored in <see cref="ExactAttention"/> mode.
    /// </summary>
    public KeyCacheType KeyCache { get; init; } = KeyCacheType.Q8_0;

    /// <summary>
    /// Keep the KV cache in f32 and disable flash attention. llama.cpp's default f16 cache and attention kernels are not
    /// batch-invariant (a token decoded alone and in a batch get logits that differ around 1e-2); exact mode makes
    /// batched greedy output match the one-at-a-time path at the cost of twice the KV memory, on a model whose matrix
    /// products round the same for one row and for many (the f32 test model). On a quantized model the CPU's batched
    /// and single-row products can round differently: on the Q4_K_M realistic-shape model, <c>bench pipeline</c> with
    /// exact attention on both paths still stored different outputs in every stage.
    /// </summary>
    public bool ExactAttention { get; init; }

    /// <summary>Layers offloaded to a GPU when the client loads the model itself.</summary>
    public int GpuLayers { get; init; }
}
