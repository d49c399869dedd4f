namespace EdcKg.Benchmarks;

/// <summary>What <see cref="EmbeddingBenchmark"/> measures.</summary>
public sealed record EmbeddingBenchmarkSettings
{
    /// <summary>The embedding model's path, for the report.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Threads the embedder was opened with (1: one core, as the retrieval figures are), for the report.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Texts embedded per round by each contender.</summary>
    public int Texts { get; init; } = 256;

    /// <summary>Rows of the random schema searched.</summary>
    public int SchemaSize { get; init; } = 10_000;

    /// <summary>Dimension of the schema's vectors.</summary>
    public int Dimension { get; init; } = 384;

    /// <summary>Relations returned per query.</summary>
    public int K { get; init; } = 10;

    /// <summary>Interleaved rounds; each contender keeps its best.</summary>
    public int Rounds { get; init; } = 10;

    /// <summary>How long each contender runs in a round.</summary>
    public TimeSpan RoundLength { get; init; } = TimeSpan.FromMilliseconds(200);
}
