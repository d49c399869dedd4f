using System.Buffers;
using System.Numerics.Tensors;

namespace EdcKg.Core.Retrieval;

/// <summary>
/// An in-memory index of unit-normalised embeddings keyed by name, with exact top-k cosine retrieval.
/// Rows are kept in float32 and scored by one fixed sequence of operations, so every (query, row) pair has the same
/// bits on any processor, alone or in a batch. From <see cref="PrefilterMinimumRows"/> rows on, a second copy
/// rounded to 8 bits serves as a prefilter: a query first scores every row approximately from it (a quarter of the
/// bytes), then scores exactly only the rows whose approximate score, widened by a proven bound on the rounding
/// error, could still reach the k-th best. The result is the exact top-k, identical to scoring every row. Adds are
/// incremental so self-canonicalization can grow the index while a run goes on. Queries may run concurrently; adds
/// must not run concurrently with anything.
/// </summary>
public sealed class EmbeddingIndex
{
    /// <summary>Below this many rows every row is scored exactly: the prefilter would not pay for itself.</summary>
    internal const int PrefilterMinimumRows = 512;

    // How many candidate rows ahead of the one being scored are being fetched.
    private const int PrefetchDistance = 8;

    private readonly List<string> keys = [];
    private readonly Dictionary<string, int> positions = new(StringComparer.Ordinal);
    private readonly HashSet<int> rowsNotFinite = [];
    private readonly FloatRows exactRows;
    private readonly KernelWidth width;
    private readonly bool prefilter;
    private QuantizedRowBlocks? roundedRows;
    private int nextCalibration = PrefilterMinimumRows;

    /// <summary>Creates an empty index for vectors of <paramref name="dimension"/> components.</summary>
    public EmbeddingIndex(int dimension)
        : this(dimension, KernelWidth.Vector512, prefilter: true)
    {
    }

    /// <summary>
    /// Creates an empty index whose kernels are at most <paramref name="width"/> wide, with or without the
    /// prefilter: tests check that neither changes a result.
    /// </summary>
    internal EmbeddingIndex(int dimension, KernelWidth width, bool prefilter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
        this.width = width;
        this.prefilter = prefilter;
        exactRows = new FloatRows(dimension, width);
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
            exactRows.EnsureRows(position + 1);
            roundedRows?.EnsureRows(position + 1);
            keys.Add(key);
            positions[key] = position;
        }

        var row = vector.ToArray();
        VectorNormalization.ToUnitLength(row);

        exactRows.Set(position, row);

        // The prefilter's error bound holds for finite rows; while the index holds another, every row is scored exactly.
        if (Array.TrueForAll(row, float.IsFinite))
        {
            rowsNotFinite.Remove(position);
            roundedRows?.Set(position, row);
        }
        else
        {
            rowsNotFinite.Add(position);
        }

        if (prefilter && keys.Count >= nextCalibration)
        {
            Calibrate();
            nextCalibration = keys.Count * 2;
        }
    }

    /// <summary>
    /// The <paramref name="k"/> keys most similar to <paramref name="query"/> by cosine, best first; ties keep
    /// insertion order, as a stable descending sort over the scores does.
    /// </summary>
    public IReadOnlyList<ScoredKey> TopK(ReadOnlySpan<float> query, int k)
    {
        CheckQuery(query, "The query");
        return Search(query, k);
    }

    /// <summary>
    /// <see cref="TopK"/> for many queries at once, each result in the order of <paramref name="queries"/> and
    /// identical to asking it alone; every query is checked before any is answered.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<ScoredKey>> TopKMany(IReadOnlyList<ReadOnlyMemory<float>> queries, int k)
    {
        ArgumentNullException.ThrowIfNull(queries);
        for (var q = 0; q < queries.Count; q++)
        {
            CheckQuery(queries[q].Span, $"Query {q}");
        }

        var results = new IReadOnlyList<ScoredKey>[queries.Count];
        for (var q = 0; q < queries.Count; q++)
        {
            results[q] = Search(queries[q].Span, k);
        }

        return results;
    }

    // Measures the mean row and each dimension's spread over the rows so far and rounds every row again with them.
    // Done when the index reaches the prefilter's size and again each time it doubles, so the prefilter keeps
    // matching the rows as the schema grows, at a cost that stays proportional to the adds.
    private void Calibrate()
    {
        var finiteRows = 0;
        var mean = new double[Dimension];
        var squares = new double[Dimension];
        var row = new float[Dimension];
        for (var i = 0; i < keys.Count; i++)
        {
            if (rowsNotFinite.Contains(i))
            {
                continue;
            }

            exactRows.CopyRow(i, row);
            finiteRows++;
            for (var j = 0; j < Dimension; j++)
            {
                mean[j] += row[j];
                squares[j] += (double)row[j] * row[j];
            }
        }

        var spreads = new double[Dimension];
        for (var j = 0; j < Dimension; j++)
        {
            mean[j] /= Math.Max(1, finiteRows);
            spreads[j] = Math.Sqrt(Math.Max(0, squares[j] / Math.Max(1, finiteRows) - mean[j] * mean[j]));
        }

        // A dimension that hardly varies would be magnified without limit; no dimension is given less than a
        // thousandth of the typical spread.
        var typical = Math.Sqrt(spreads.Sum(s => s * s) / Dimension);
        var floor = typical > 0 ? typical * 1e-3 : 1.0;
        roundedRows = new QuantizedRowBlocks(
            mean.Select(m => (float)m).ToArray(),
            spreads.Select(s => (float)Math.Max(s, floor)).ToArray(),
            width);
        roundedRows.EnsureRows(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            if (!rowsNotFinite.Contains(i))
            {
                exactRows.CopyRow(i, row);
                roundedRows.Set(i, row);
            }
        }
    }

    private IReadOnlyList<ScoredKey> Search(ReadOnlySpan<float> query, int k)
    {
        var count = keys.Count;
        if (k <= 0 || count == 0)
        {
            return [];
        }

        // Rows are unit length, so ranking by the raw dot product ranks by cosine; the query's norm is applied once.
        k = Math.Min(k, count);
        var selection = new TopKSelection(k);
        var rounded = roundedRows is not null && count >= PrefilterMinimumRows && k <= count / 8 && rowsNotFinite.Count == 0
            ? QuantizedQuery.TryCreate(query, roundedRows.Spreads, roundedRows.QueryLimit, roundedRows.Pairs * 2)
            : null;
        var padded = ArrayPool<float>.Shared.Rent(exactRows.PaddedLength);
        try
        {
            var paddedQuery = padded.AsSpan(0, exactRows.PaddedLength);
            paddedQuery.Clear();
            query.CopyTo(paddedQuery);
            if (rounded is null)
            {
                var row = 0;
                for (; row + 2 <= count; row += 2)
                {
                    var (first, second) = exactRows.Score(paddedQuery, row, row + 1);
                    selection.Offer(row, first);
                    selection.Offer(row + 1, second);
                }

                if (row < count)
                {
                    selection.Offer(row, exactRows.Score(paddedQuery, row));
                }
            }
            else
            {
                ScorePrefilteredRows(paddedQuery, roundedRows!, rounded, k, ref selection);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(padded);
        }

        return selection.ToScoredKeys(keys, InverseNorm(query));
    }

    // Offers only the rows that can be among the best k, in increasing row order: with the selection's tie rule
    // the result is then the same as offering every row.
    private void ScorePrefilteredRows(ReadOnlySpan<float> paddedQuery, QuantizedRowBlocks blocks, QuantizedQuery rounded, int k, ref TopKSelection selection)
    {
        var count = keys.Count;
        var approximate = ArrayPool<float>.Shared.Rent(QuantizedRowBlocks.BlocksFor(count) * QuantizedRowBlocks.BlockRows);
        var candidates = ArrayPool<int>.Shared.Rent(count);
        try
        {
            blocks.Score(rounded, QuantizedRowBlocks.BlocksFor(count), approximate);
            var scores = approximate.AsSpan(0, count);
            var threshold = CandidateThreshold(PrefilterCut.KthLargest(scores, k), blocks, rounded);
            var found = PrefilterCut.CandidateRows(scores, threshold, candidates);
            for (var ahead = 0; ahead < Math.Min(found, PrefetchDistance); ahead++)
            {
                exactRows.Prefetch(candidates[ahead]);
            }

            var i = 0;
            for (; i + 2 <= found; i += 2)
            {
                for (var ahead = i + PrefetchDistance; ahead < Math.Min(found, i + PrefetchDistance + 2); ahead++)
                {
                    exactRows.Prefetch(candidates[ahead]);
                }

                var (first, second) = exactRows.Score(paddedQuery, candidates[i], candidates[i + 1]);
                selection.Offer(candidates[i], first);
                selection.Offer(candidates[i + 1], second);
            }

            if (i < found)
            {
                selection.Offer(candidates[i], exactRows.Score(paddedQuery, candidates[i]));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(approximate);
            ArrayPool<int>.Shared.Return(candidates);
        }
    }

    // With m the mean row, σ the spreads, ŷ a rounded standardized row and q' = σ ∘ q rounded to q̂', the exact dot
    // product is q·x = q·m + q̂'·ŷ + (q' − q̂')·ŷ + q·(x − m − σ ∘ ŷ). The approximate score a is q̂'·ŷ, so
    // f = q·x − q·m differs from a by at most |q' − q̂'|·max|ŷ| + |q|·max|x − m − σ ∘ ŷ|, plus the float error of the
    // exact kernel (at most dimension + 3 roundings of |q|·|x|) and of a (a few roundings of |q̂'|·|ŷ|), each allowed
    // 4×. q·m is the same for every row, so it cancels: the k rows with the largest a have f ≥ a(k) − bound, so the
    // k-th best exact score is at least that, and a row with a < a(k) − 2·bound scores strictly below it; it cannot
    // be in the top k, not even on a tie.
    private float CandidateThreshold(float kthApproximate, QuantizedRowBlocks blocks, QuantizedQuery rounded)
    {
        var unit = Math.ScaleB(1.0, -24);
        var roundoff = 4 * (Dimension + 3) * unit * rounded.Norm * 1.001 + 16 * unit * rounded.RoundedNorm * blocks.MaxRoundedNorm;
        var bound = rounded.ResidualNorm * blocks.MaxRoundedNorm + rounded.Norm * blocks.MaxResidualNorm + roundoff;
        var threshold = kthApproximate - 2 * bound;
        var single = (float)threshold;
        return single > threshold ? MathF.BitDecrement(single) : single;
    }

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
}
