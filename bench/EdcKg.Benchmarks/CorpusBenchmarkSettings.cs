using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;

namespace EdcKg.Benchmarks;

/// <summary>What <see cref="CorpusBenchmark"/> runs on: the models, the corpus sizes and the shape of a long document.</summary>
public sealed record CorpusBenchmarkSettings
{
    public required string ModelPath { get; init; }

    /// <summary>The canonicalization embedder (the command opens it from its option).</summary>
    public required IEmbeddingGenerator<string, Embedding<float>> Embedder { get; init; }

    /// <summary>The prompt templates and few-shot examples.</summary>
    public required PromptSources Prompts { get; init; }

    /// <summary>Corpus sizes, measured in this order in one process (peak memory only grows, so run the small one first).</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [100, 1000];

    /// <summary>Paragraphs of a generated document (five sentences each).</summary>
    public int Paragraphs { get; init; } = 12;

    public int ContextSize { get; init; } = 4096;

    public int Parallelism { get; init; } = 16;

    public int? Threads { get; init; }

    /// <summary>Answer limit of every stage: the tiny random model writes until it, so this sets the decoding work.</summary>
    public int MaxOutputTokens { get; init; } = 24;

    public int? ChunkTokens { get; init; } = 256;
}
