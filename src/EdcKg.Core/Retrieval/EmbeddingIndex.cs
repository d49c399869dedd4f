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
        if (query.Length != Dimension)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions but the index holds {Dimension}-dimensional vectors.", nameof(query));
        }

        if (k <= 0 || keys.Count == 0)
        {
            return [];
        }

        var queryNorm = TensorPrimitives.Norm(query);
        var scale = queryNorm > 0 ? 1f / queryNorm : 0f;
        k = Math.Min(k, keys.Count);

        // Keep the best k in a small sorted buffer: O(n log k) and no allocation per row.
        var bestScores = new float[k];
        var bestRows = new int[k];
        var filled = 0;
        for (var i = 0; i < keys.Count; i++)
        {
            var score = TensorPrimitives.Dot(query, rows.AsSpan(i * Dimension, Dimension)) * scale;
            if (filled == k && score <= bestScores[k - 1])
            {
                continue;
            }

            var at = filled < k ? filled : k - 1;
            while (at > 0 && bestScores[at - 1] < score)
            {
                if (at < k)
                {
                    bestScores[at] = bestScores[at - 1];
                    bestRows[at] = bestRows[at - 1];
                }

                at--;
            }

            bestScores[at] = score;
            bestRows[at] = i;
            if (filled < k)
            {
                filled++;
            }
        }

        var result = new ScoredKey[filled];
        for (var i = 0; i < filled; i++)
        {
            result[i] = new ScoredKey(keys[bestRows[i]], bestScores[i]);
        }

        return result;
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
