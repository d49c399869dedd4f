using System.Numerics.Tensors;

namespace EdcKg.Core.Retrieval;

/// <summary>
/// An in-memory index of unit-normalised embeddings keyed by name, with exact top-k cosine retrieval.
/// Vectors are stored contiguously so a query is one SIMD dot product per row; adds are incremental so
/// self-canonicalization can grow the index while a run goes on. Not thread-safe for concurrent adds.
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
        var count = keys.Count;
        for (var i = 0; i < count; i++)
        {
            selection.Offer(i, TensorPrimitives.Dot(query, rows.AsSpan(i * Dimension, Dimension)));
        }

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
        var q = 0;
        if (DotKernel.IsAccelerated)
        {
            Span<float> scores = stackalloc float[DotKernel.Queries * DotKernel.Rows];
            for (; q + DotKernel.Queries <= selections.Length; q += DotKernel.Queries)
            {
                var q0 = queries[groupStart + q].Span;
                var q1 = queries[groupStart + q + 1].Span;
                var q2 = queries[groupStart + q + 2].Span;
                var q3 = queries[groupStart + q + 3].Span;
                var i = blockStart;
                for (; i + DotKernel.Rows <= blockEnd; i += DotKernel.Rows)
                {
                    DotKernel.Score4x2(q0, q1, q2, q3, Row(i), Row(i + 1), scores);
                    for (var j = 0; j < DotKernel.Queries; j++)
                    {
                        selections[q + j].Offer(i, scores[j * DotKernel.Rows]);
                        selections[q + j].Offer(i + 1, scores[j * DotKernel.Rows + 1]);
                    }
                }

                for (; i < blockEnd; i++)
                {
                    for (var j = 0; j < DotKernel.Queries; j++)
                    {
                        selections[q + j].Offer(i, TensorPrimitives.Dot(queries[groupStart + q + j].Span, Row(i)));
                    }
                }
            }
        }

        for (; q < selections.Length; q++)
        {
            var query = queries[groupStart + q].Span;
            for (var i = blockStart; i < blockEnd; i++)
            {
                selections[q].Offer(i, TensorPrimitives.Dot(query, Row(i)));
            }
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
