using System.Numerics.Tensors;

namespace EdcKg.Core.Retrieval;

/// <summary>
/// An in-memory index of unit-normalised embeddings keyed by name, with exact top-k cosine retrieval.
/// Vectors are stored contiguously and scored by SIMD kernels that give every (query, row) pair the same bits
/// whether it is asked alone or in a batch; adds are incremental so self-canonicalization can grow the index while
/// a run goes on. Queries may run concurrently; adds must not run concurrently with anything.
/// </summary>
public sealed class EmbeddingIndex
{
    private readonly List<string> keys = [];
    private readonly Dictionary<string, int> positions = new(StringComparer.Ordinal);
    private float[] rows = [];

    /// <summary>Creates an empty index for vectors of <paramref name="dimension"/> components.</summary>
    public EmbeddingIndex(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
    }

    /// <summary>The number of components of every vector.</summary>
    public int Dimension { get; }

    /// <summary>The number of keys.</summary>
    public int Count => keys.Count;

    /// <summary>The keys in insertion order.</summary>
    public IReadOnlyList<string> Keys => keys;

    /// <summary>Whether <paramref name="key"/> is in the index.</summary>
    public bool Contains(string key) => positions.ContainsKey(key);

    /// <summary>Adds (or replaces) the vector of <paramref name="key"/>; the vector is normalised on the way in.</summary>
    public void Add(string key, ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimension)
        {
            throw new ArgumentException(
                $"The embedding of '{key}' has {vector.Length} dimensions but the index holds {Dimension}-dimensional vectors (was it made by another model?).",
                nameof(vector));
        }

        if (!positions.TryGetValue(key, out var position))
        {
            position = keys.Count;
            EnsureCapacity(position + 1);
            keys.Add(key);
            positions[key] = position;
        }

        var row = rows.AsSpan(position * Dimension, Dimension);
        vector.CopyTo(row);
        var norm = TensorPrimitives.Norm(row);
        if (norm > 0)
        {
            TensorPrimitives.Divide(row, norm, row);
        }
    }

    /// <summary>
    /// The <paramref name="k"/> keys most similar to <paramref name="query"/> by cosine, best first; ties keep
    /// insertion order, as a stable descending sort over the scores does.
    /// </summary>
    public IReadOnlyList<ScoredKey> TopK(ReadOnlySpan<float> query, int k)
    {
        CheckQuery(query, "The query");
        if (k <= 0 || keys.Count == 0)
        {
            return [];
        }

        // Rows are unit length, so ranking by the raw dot product ranks by cosine; the query's norm is applied once.
        var selection = new TopKSelection(Math.Min(k, keys.Count));
        ScoreRows(query, ref selection, 0, keys.Count);
        return selection.ToScoredKeys(keys, InverseNorm(query));
    }

    /// <summary>
    /// <see cref="TopK"/> for many queries at once, each result in the order of <paramref name="queries"/>. Rows are
    /// scored in cache-sized blocks against a group of queries, so the index is read from memory once per group
    /// rather than once per query: the fast path for a stage that canonicalizes many relations.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<ScoredKey>> TopKMany(IReadOnlyList<ReadOnlyMemory<float>> queries, int k)
    {
        ArgumentNullException.ThrowIfNull(queries);
        for (var q = 0; q < queries.Count; q++)
        {
            CheckQuery(queries[q].Span, $"Query {q}");
        }

        var results = new IReadOnlyList<ScoredKey>[queries.Count];
        if (k <= 0 || keys.Count == 0)
        {
            Array.Fill(results, []);
            return results;
        }

        // A block of rows stays in the core's L2 cache while every query of a group passes over it.
        var rowsPerBlock = Math.Max(1, 64 * 1024 / (Dimension * sizeof(float)));
        var queriesPerGroup = Math.Max(1, 256 * 1024 / (Dimension * sizeof(float)));
        var count = keys.Count;
        k = Math.Min(k, count);
        for (var groupStart = 0; groupStart < queries.Count; groupStart += queriesPerGroup)
        {
            var groupEnd = Math.Min(queries.Count, groupStart + queriesPerGroup);
            var selections = new TopKSelection[groupEnd - groupStart];
            for (var q = 0; q < selections.Length; q++)
            {
                selections[q] = new TopKSelection(k);
            }

            for (var blockStart = 0; blockStart < count; blockStart += rowsPerBlock)
            {
                ScoreBlock(queries, groupStart, selections, blockStart, Math.Min(count, blockStart + rowsPerBlock));
            }

            for (var q = 0; q < selections.Length; q++)
            {
                results[groupStart + q] = selections[q].ToScoredKeys(keys, InverseNorm(queries[groupStart + q].Span));
            }
        }

        return results;
    }

    private void ScoreBlock(IReadOnlyList<ReadOnlyMemory<float>> queries, int groupStart, TopKSelection[] selections, int blockStart, int blockEnd)
    {
        Span<float> scores = stackalloc float[8];
        var q = 0;
        for (; q + 4 <= selections.Length; q += 4)
        {
            var q0 = queries[groupStart + q].Span;
            var q1 = queries[groupStart + q + 1].Span;
            var q2 = queries[groupStart + q + 2].Span;
            var q3 = queries[groupStart + q + 3].Span;
            var i = blockStart;
            for (; i + 2 <= blockEnd; i += 2)
            {
                DotKernel.Score4x2(q0, q1, q2, q3, Row(i), Row(i + 1), scores);
                for (var j = 0; j < 4; j++)
                {
                    selections[q + j].Offer(i, scores[2 * j]);
                    selections[q + j].Offer(i + 1, scores[2 * j + 1]);
                }
            }

            if (i < blockEnd)
            {
                selections[q].Offer(i, DotKernel.Score1x1(q0, Row(i)));
                selections[q + 1].Offer(i, DotKernel.Score1x1(q1, Row(i)));
                selections[q + 2].Offer(i, DotKernel.Score1x1(q2, Row(i)));
                selections[q + 3].Offer(i, DotKernel.Score1x1(q3, Row(i)));
            }
        }

        for (; q < selections.Length; q++)
        {
            ScoreRows(queries[groupStart + q].Span, ref selections[q], blockStart, blockEnd);
        }
    }

    private void ScoreRows(ReadOnlySpan<float> query, ref TopKSelection selection, int start, int end)
    {
        var i = start;
        for (; i + 2 <= end; i += 2)
        {
            var (first, second) = DotKernel.Score1x2(query, Row(i), Row(i + 1));
            selection.Offer(i, first);
            selection.Offer(i + 1, second);
        }

        if (i < end)
        {
            selection.Offer(i, DotKernel.Score1x1(query, Row(i)));
        }
    }

    private ReadOnlySpan<float> Row(int i) => rows.AsSpan(i * Dimension, Dimension);

    private void CheckQuery(ReadOnlySpan<float> query, string what)
    {
        if (query.Length != Dimension)
        {
            throw new ArgumentException($"{what} has {query.Length} dimensions but the index holds {Dimension}-dimensional vectors (was it made by another model?).", "query");
        }
    }

    private static float InverseNorm(ReadOnlySpan<float> query)
    {
        var norm = TensorPrimitives.Norm(query);
        return norm > 0 ? 1f / norm : 0f;
    }

    private void EnsureCapacity(int count)
    {
        var needed = count * Dimension;
        if (rows.Length >= needed)
        {
            return;
        }

        Array.Resize(ref rows, Math.Max(needed, Math.Max(rows.Length * 2, 16 * Dimension)));
    }
}
