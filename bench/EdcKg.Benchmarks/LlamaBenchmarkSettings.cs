using EdcKg.Core.Prompts;
using EdcKg.LlamaCpp;

namespace EdcKg.Benchmarks;

/// <summary>What <see cref="LlamaBatchingBenchmark"/> measures: which model, prompts and documents, and how they are decoded.</summary>
public sealed record LlamaBenchmarkSettings
{
    /// <summary>The GGUF chat model.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Where the OIE template and few-shot examples are read from (ours or EDC's files).</summary>
    public required PromptSources Prompts { get; init; }

    /// <summary>The documents, one per entry; the benchmark uses the first <see cref="Documents"/> of them.</summary>
    public required IReadOnlyList<string> Corpus { get; init; }

    /// <summary>Documents to extract from on the batched path.</summary>
    public int Documents { get; init; } = 16;

    /// <summary>
    /// Documents the naive path extracts from (null: as many as the batched path). Each naive document costs the same
    /// (nothing is shared), so fewer of them measure the same rate in less time.
    /// </summary>
    public int? NaiveDocuments { get; init; }

    /// <summary>Documents the batched path decodes together.</summary>
    public int Parallelism { get; init; } = 16;

    /// <summary>Answer tokens per document at most.</summary>
    public int MaxOutputTokens { get; init; } = 48;

    /// <summary>CPU threads (null: one per core).</summary>
    public int? Threads { get; init; }

    /// <summary>Context size of the batched path in tokens (null: enough for every sequence decoded together).</summary>
    public int? ContextSize { get; init; }

    /// <summary>Most tokens per <c>llama_decode</c> (n_batch = n_ubatch).</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>Flash attention on the batched path (null: llama.cpp decides).</summary>
    public bool? FlashAttention { get; init; } = false;

    /// <summary>Rounds of every path (each keeps its fastest round; the prompt rate is probed after each and the best kept).</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>The KV cache's key type on every path, and in the prompt-rate probe.</summary>
    public KeyCacheType KeyCache { get; init; } = KeyCacheType.Q8_0;

    /// <summary>A folder with another build of the llama.cpp libraries (null: the usual places).</summary>
    public string? LlamaLibrary { get; init; }
}
