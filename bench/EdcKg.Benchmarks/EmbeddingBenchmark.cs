using System.Globalization;
using System.Numerics.Tensors;
using EdcKg.Core.Retrieval;
using Microsoft.Extensions.AI;

namespace EdcKg.Benchmarks;

/// <summary>
/// Sentence embeddings per second at batch size 1 vs 32, and top-k queries per second over a random unit-vector schema
/// for <see cref="EmbeddingIndex"/> vs a plain scalar loop, plus the index over embedding-like vectors; one thread,
/// best of interleaved rounds, in one run.
/// </summary>
public sealed class EmbeddingBenchmark(EmbeddingBenchmarkSettings settings, IEmbeddingGenerator<string, Embedding<float>> embedder)
{
    /// <summary>Texts per call on the batched path; open the embedder with at least this batch size.</summary>
    public const int BatchSize = 32;
    private static readonly string[] Words = ["the", "city", "capital", "of", "france", "is", "paris", "born", "in", "berlin", "member", "team", "author", "book"];

    /// <summary>Runs every contender, writes the figures side by side to <paramref name="output"/> and returns them.</summary>
    public async Task<EmbeddingBenchmarkResult> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var rounds = new BestOfRounds(settings.Rounds, settings.RoundLength);
        var (batch1, batch32) = await MeasureEmbeddingAsync(rounds, cancellationToken).ConfigureAwait(false);
        var (simd, embeddingLike, scalar) = await MeasureRetrievalAsync(rounds, cancellationToken).ConfigureAwait(false);
        var result = new EmbeddingBenchmarkResult(batch1, batch32, simd, embeddingLike, scalar);
        await output.WriteLineAsync($"model: {settings.ModelPath}, {settings.Threads} thread(s)").ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"embeddings/s   batch 1: {batch1,10:F0}   batch {BatchSize}: {batch32,10:F0}   ratio {batch32 / batch1:F2}x")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"top-{settings.K} over {settings.SchemaSize} x {settings.Dimension}, queries/s   scalar loop: {scalar,8:F0}   EmbeddingIndex.TopK: {simd,8:F0} ({simd / scalar:F2}x)   on embedding-like vectors: {embeddingLike,8:F0} ({embeddingLike / scalar:F2}x)")).ConfigureAwait(false);
        return result;
    }

    private async Task<(double Batch1, double Batch32)> MeasureEmbeddingAsync(BestOfRounds rounds, CancellationToken cancellationToken)
    {
        // Texts of 6 to 15 words, so a batch pads to its longest member as real definitions do.
        var texts = Enumerable.Range(0, settings.Texts)
            .Select(i => string.Join(' ', Enumerable.Range(0, 6 + (i % 10)).Select(j => Words[((i * 7) + (j * 3)) % Words.Length])))
            .ToArray();
        var batches = texts.Chunk(BatchSize).ToArray();

        var rates = await rounds.RatesAsync(
            cancellationToken,
            async () =>
            {
                foreach (var text in texts)
                {
                    await embedder.GenerateAsync([text], cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                return texts.Length;
            },
            async () =>
            {
                foreach (var batch in batches)
                {
                    await embedder.GenerateAsync(batch, cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                return texts.Length;
            }).ConfigureAwait(false);
        return (rates[0], rates[1]);
    }

    private async Task<(double Simd, double EmbeddingLike, double Scalar)> MeasureRetrievalAsync(BestOfRounds rounds, CancellationToken cancellationToken)
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, settings.SchemaSize).Select(_ => RandomUnitVector(random)).ToArray();
        var index = IndexOf(rows);
        var queries = Enumerable.Range(0, 256).Select(_ => RandomUnitVector(random)).ToArray();

        var shared = Gaussian(random);
        var embeddingLikeIndex = IndexOf(Enumerable.Range(0, settings.SchemaSize).Select(_ => EmbeddingLikeVector(random, shared)).ToArray());
        var embeddingLikeQueries = Enumerable.Range(0, 256).Select(_ => EmbeddingLikeVector(random, shared)).ToArray();
        var k = settings.K;
        var rates = await rounds.RatesAsync(
            cancellationToken,
            () => Task.FromResult(Ask(index, queries, k)),
            () => Task.FromResult(Ask(embeddingLikeIndex, embeddingLikeQueries, k)),
            () =>
            {
                foreach (var query in queries)
                {
                    ScalarTopK(rows, query, k);
                }

                return Task.FromResult(queries.Length);
            }).ConfigureAwait(false);
        return (rates[0], rates[1], rates[2]);
    }

    private EmbeddingIndex IndexOf(float[][] rows)
    {
        var index = new EmbeddingIndex(settings.Dimension);
        for (var i = 0; i < rows.Length; i++)
        {
            index.Add("relation " + i.ToString(CultureInfo.InvariantCulture), rows[i]);
        }

        return index;
    }

    private static int Ask(EmbeddingIndex index, float[][] queries, int k)
    {
        foreach (var query in queries)
        {
            index.TopK(query, k);
        }

        return queries.Length;
    }

    // The baseline: a plain loop of scalar multiply-adds per row, keeping the k best by insertion like the index does,
    // so the ratio measures the scoring loop rather than the selection.
    private static int[] ScalarTopK(float[][] rows, float[] query, int k)
    {
        var best = new List<(float Score, int Row)>(k + 1);
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            var dot = 0f;
            for (var j = 0; j < row.Length; j++)
            {
                dot += row[j] * query[j];
            }

            if (best.Count == k && dot <= best[^1].Score)
            {
                continue;
            }

            var at = best.FindIndex(b => b.Score < dot);
            best.Insert(at < 0 ? best.Count : at, (dot, i));
            if (best.Count > k)
            {
                best.RemoveAt(k);
            }
        }

        return best.Select(b => b.Row).ToArray();
    }

    private float[] RandomUnitVector(Random random)
    {
        var vector = new float[settings.Dimension];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        }

        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }

    // Sentence embeddings are far from isotropic: they share a common direction (cosines of unrelated texts are
    // well above zero) and a few dimensions carry much more weight than the rest.
    private float[] EmbeddingLikeVector(Random random, float[] shared)
    {
        var vector = Gaussian(random);
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] += shared[i];
            if (i % 97 == 0)
            {
                vector[i] *= 8;
            }
        }

        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }

    private float[] Gaussian(Random random)
    {
        var vector = new float[settings.Dimension];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        return vector;
    }
}
