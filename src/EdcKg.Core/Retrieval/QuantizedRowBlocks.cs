using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EdcKg.Core.Retrieval;

/// <summary>
/// The prefilter's copy of the rows: each row less the mean row, divided by each dimension's spread, rounded to
/// 8-bit integers with one scale per row. Centring removes what all rows share (a constant for any query, so it
/// cannot change a ranking) and the per-dimension spread keeps a few large dimensions from coarsening the rounding
/// of all the others; together they keep the error bound, and with it the rows left to score exactly, small on
/// real embeddings, which are far from centred and isotropic. Rows sit in blocks of 16 interleaved by pairs of
/// dimensions, so one 16-bit multiply-add of a broadcast query pair scores 16 rows. Integer sums are exact, so
/// every kernel width gives the same approximate scores.
/// </summary>
internal sealed class QuantizedRowBlocks
{
    /// <summary>The rows per block.</summary>
    public const int BlockRows = 16;

    private const int Limit = 127;

    private readonly KernelWidth width;
    private sbyte[] values = [];
    private float[] scales = [];

    public QuantizedRowBlocks(ReadOnlySpan<float> mean, ReadOnlySpan<float> spreads, KernelWidth width)
    {
        Mean = mean.ToArray();
        Spreads = spreads.ToArray();
        Pairs = (mean.Length + 1) / 2;

        // The largest query integer for which no 32-bit sum can overflow: 2 × pairs × 127 × limit < 2^31.
        QueryLimit = (int)Math.Min(short.MaxValue, int.MaxValue / (2L * Pairs * Limit));
        this.width = KernelWidths.CapInteger(width);
    }

    /// <summary>The mean row the rows are centred on.</summary>
    public float[] Mean { get; }

    /// <summary>The spread each dimension is divided by.</summary>
    public float[] Spreads { get; }

    /// <summary>The pairs of dimensions per row (the last one zero-padded).</summary>
    public int Pairs { get; }

    /// <summary>The largest magnitude a query's integers may have.</summary>
    public int QueryLimit { get; }

    /// <summary>The largest norm of (row − mean − spread ∘ rounded row) over the rows stored so far.</summary>
    public double MaxResidualNorm { get; private set; }

    /// <summary>The largest norm of a rounded row, in the standardized coordinates, over the rows stored so far.</summary>
    public double MaxRoundedNorm { get; private set; }

    /// <summary>The number of blocks <paramref name="rows"/> rows fill.</summary>
    public static int BlocksFor(int rows) => (rows + BlockRows - 1) / BlockRows;

    /// <summary>Makes room for <paramref name="rows"/> rows; new rows are zero.</summary>
    public void EnsureRows(int rows)
    {
        var neededRows = BlocksFor(rows) * BlockRows;
        if (scales.Length >= neededRows)
        {
            return;
        }

        var newRows = Math.Max(neededRows, Math.Max(scales.Length * 2, BlockRows));
        Array.Resize(ref values, newRows * Pairs * 2);
        Array.Resize(ref scales, newRows);
    }

    /// <summary>Stores the rounded form of the finite vector <paramref name="vector"/> as row <paramref name="row"/>.</summary>
    public void Set(int row, ReadOnlySpan<float> vector)
    {
        var dimension = Mean.Length;
        double maxAbs = 0;
        for (var j = 0; j < dimension; j++)
        {
            maxAbs = Math.Max(maxAbs, Math.Abs(Standardized(vector, j)));
        }

        var scale = (float)(maxAbs / Limit);
        var start = row / BlockRows * BlockRows * Pairs * 2 + row % BlockRows * 2;
        double residual = 0, rounded = 0;
        for (var j = 0; j < dimension; j++)
        {
            var level = scale > 0 ? (int)Math.Clamp(Math.Round(Standardized(vector, j) / scale), -Limit, Limit) : 0;
            values[start + j / 2 * BlockRows * 2 + j % 2] = (sbyte)level;
            var kept = (double)scale * level;
            var difference = vector[j] - (double)Mean[j] - (double)Spreads[j] * kept;
            residual += difference * difference;
            rounded += kept * kept;
        }

        scales[row] = scale;
        MaxResidualNorm = Math.Max(MaxResidualNorm, Math.Sqrt(residual));
        MaxRoundedNorm = Math.Max(MaxRoundedNorm, Math.Sqrt(rounded));
    }

    private double Standardized(ReadOnlySpan<float> vector, int j) => (vector[j] - (double)Mean[j]) / Spreads[j];

    /// <summary>
    /// The approximate dot products (less the query's dot product with the mean row) of <paramref name="query"/>
    /// with every row of the first <paramref name="blocks"/> blocks, 16 per block, into <paramref name="scores"/>.
    /// </summary>
    public void Score(QuantizedQuery query, int blocks, Span<float> scores)
    {
        var b = 0;
        for (; b + 4 <= blocks; b += 4)
        {
            Score4(query, b, scores.Slice(b * BlockRows, 4 * BlockRows));
        }

        for (; b < blocks; b++)
        {
            ScoreScalar(query, b, scores.Slice(b * BlockRows, BlockRows));
        }
    }

    private void Score4(QuantizedQuery query, int firstBlock, Span<float> scores)
    {
        switch (width)
        {
            case KernelWidth.Vector512:
                Score4Vector512(query, firstBlock, scores);
                break;
            case KernelWidth.Vector256:
                Score4Vector256(query, firstBlock, scores);
                break;
            default:
                for (var b = 0; b < 4; b++)
                {
                    ScoreScalar(query, firstBlock + b, scores.Slice(b * BlockRows, BlockRows));
                }

                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Score4Vector512(QuantizedQuery query, int firstBlock, Span<float> scores)
    {
        var stride = (nuint)(Pairs * BlockRows * 2);
        ref var x = ref values[firstBlock * (int)stride];
        ref var q = ref Unsafe.As<short, int>(ref query.Components[0]);
        Vector512<int> s0 = default, s1 = default, s2 = default, s3 = default;
        for (nuint g = 0, at = 0; g < (nuint)Pairs; g++, at += BlockRows * 2)
        {
            var y = Vector512.Create(Unsafe.Add(ref q, g)).AsInt16();
            s0 += Avx512BW.MultiplyAddAdjacent(Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref x, at)), y);
            s1 += Avx512BW.MultiplyAddAdjacent(Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref x, at + stride)), y);
            s2 += Avx512BW.MultiplyAddAdjacent(Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref x, at + 2 * stride)), y);
            s3 += Avx512BW.MultiplyAddAdjacent(Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref x, at + 3 * stride)), y);
        }

        var queryScale = Vector512.Create(query.Scale);
        ref var rowScales = ref scales[firstBlock * BlockRows];
        ref var output = ref MemoryMarshal.GetReference(scores);
        Finish(s0, ref rowScales, ref output, queryScale);
        Finish(s1, ref Unsafe.Add(ref rowScales, BlockRows), ref Unsafe.Add(ref output, BlockRows), queryScale);
        Finish(s2, ref Unsafe.Add(ref rowScales, 2 * BlockRows), ref Unsafe.Add(ref output, 2 * BlockRows), queryScale);
        Finish(s3, ref Unsafe.Add(ref rowScales, 3 * BlockRows), ref Unsafe.Add(ref output, 3 * BlockRows), queryScale);
    }

    // Integer sum to approximate score: sum × (row scale × query scale), in that order at every width.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(Vector512<int> sum, ref float rowScales, ref float output, Vector512<float> queryScale) =>
        (Vector512.ConvertToSingle(sum) * (Vector512.LoadUnsafe(ref rowScales) * queryScale)).StoreUnsafe(ref output);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Score4Vector256(QuantizedQuery query, int firstBlock, Span<float> scores)
    {
        var stride = (nuint)(Pairs * BlockRows * 2);
        ref var x = ref values[firstBlock * (int)stride];
        ref var q = ref Unsafe.As<short, int>(ref query.Components[0]);
        var queryScale = Vector256.Create(query.Scale);
        ref var output = ref MemoryMarshal.GetReference(scores);
        for (nuint block = 0; block < 4; block++)
        {
            Vector256<int> low = default, high = default;
            ref var rows = ref Unsafe.Add(ref x, block * stride);
            for (nuint g = 0, at = 0; g < (nuint)Pairs; g++, at += BlockRows * 2)
            {
                var y = Vector256.Create(Unsafe.Add(ref q, g)).AsInt16();
                low += Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref rows, at)), y);
                high += Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref rows, at + 16)), y);
            }

            ref var rowScales = ref scales[(firstBlock + (int)block) * BlockRows];
            var first = block * BlockRows;
            (Vector256.ConvertToSingle(low) * (Vector256.LoadUnsafe(ref rowScales) * queryScale)).StoreUnsafe(ref output, first);
            (Vector256.ConvertToSingle(high) * (Vector256.LoadUnsafe(ref rowScales, 8) * queryScale)).StoreUnsafe(ref output, first + 8);
        }
    }

    private void ScoreScalar(QuantizedQuery query, int block, Span<float> scores)
    {
        var start = block * Pairs * BlockRows * 2;
        for (var lane = 0; lane < BlockRows; lane++)
        {
            var sum = 0;
            for (var g = 0; g < Pairs; g++)
            {
                var at = start + (g * BlockRows + lane) * 2;
                sum += values[at] * query.Components[2 * g] + values[at + 1] * query.Components[2 * g + 1];
            }

            scores[lane] = (float)sum * (scales[block * BlockRows + lane] * query.Scale);
        }
    }
}
