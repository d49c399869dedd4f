namespace EdcKg.Benchmarks;

/// <summary>The figures of one <see cref="EmbeddingBenchmark"/> run, measured side by side.</summary>
/// <param name="Batch1PerSecond">Texts embedded per second one at a time.</param>
/// <param name="Batch32PerSecond">Texts embedded per second in batches of 32.</param>
/// <param name="TopKQueriesPerSecond">Top-k queries per second through <c>EmbeddingIndex.TopK</c>, one query at a time.</param>
/// <param name="TopKEmbeddingLikeQueriesPerSecond">
/// Top-k queries per second through <c>EmbeddingIndex.TopK</c> over vectors shaped like real sentence embeddings
/// (a shared direction and a few dominant dimensions), the hard case for its 8-bit prefilter.
/// </param>
/// <param name="ScalarQueriesPerSecond">Top-k queries per second of a plain scalar loop.</param>
public sealed record EmbeddingBenchmarkResult(
    double Batch1PerSecond, double Batch32PerSecond, double TopKQueriesPerSecond, double TopKEmbeddingLikeQueriesPerSecond, double ScalarQueriesPerSecond)
{
    /// <summary>The figures under the keys the <c>--json</c> line uses.</summary>
    public IReadOnlyDictionary<string, double> ToJsonFields() => new Dictionary<string, double>
    {
        ["batch1_per_s"] = Math.Round(Batch1PerSecond, 1),
        ["batch32_per_s"] = Math.Round(Batch32PerSecond, 1),
        ["topk_simd_qps"] = Math.Round(TopKQueriesPerSecond, 1),
        ["topk_embedding_like_qps"] = Math.Round(TopKEmbeddingLikeQueriesPerSecond, 1),
        ["topk_scalar_qps"] = Math.Round(ScalarQueriesPerSecond, 1),
    };
}
