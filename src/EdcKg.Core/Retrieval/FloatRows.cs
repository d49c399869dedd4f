using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EdcKg.Core.Retrieval;

/// <summary>
/// Rows of float32, one after another, each zero-padded to a multiple of 16 components, with the exact dot product
/// every retrieval path shares. Its arithmetic is fixed independently of the processor: 16 running sums, sum l
/// taking the fused multiply-adds of components l, l + 16, l + 32, … in order, then the sums folded in halves
/// (l + 8, then + 4, + 2, + 1). 512-bit, 256-bit and scalar kernels all do exactly this, so a score has the same
/// bits on any machine, alone or beside any other row.
/// </summary>
internal sealed class FloatRows
{
    /// <summary>The number of running sums, and the multiple rows are padded to.</summary>
    public const int Lanes = 16;

    private readonly KernelWidth width;
    private float[] values = [];

    public FloatRows(int dimension, KernelWidth width)
    {
        Dimension = dimension;
        PaddedLength = (dimension + Lanes - 1) / Lanes * Lanes;
        this.width = KernelWidths.CapFloat(width);
    }

    public int Dimension { get; }

    /// <summary>The components stored per row, and the length a query must be padded to.</summary>
    public int PaddedLength { get; }

    /// <summary>Makes room for <paramref name="rows"/> rows.</summary>
    public void EnsureRows(int rows)
    {
        var needed = rows * PaddedLength;
        if (values.Length < needed)
        {
            Array.Resize(ref values, Math.Max(needed, Math.Max(values.Length * 2, Lanes * PaddedLength)));
        }
    }

    /// <summary>Stores <paramref name="vector"/> as row <paramref name="row"/>.</summary>
    public void Set(int row, ReadOnlySpan<float> vector)
    {
        var target = values.AsSpan(row * PaddedLength, PaddedLength);
        target.Clear();
        vector.CopyTo(target);
    }

    /// <summary>Copies row <paramref name="row"/> (without its padding) to <paramref name="destination"/>.</summary>
    public void CopyRow(int row, Span<float> destination) => values.AsSpan(row * PaddedLength, Dimension).CopyTo(destination);

    /// <summary>
    /// Asks the processor to start loading row <paramref name="row"/> into cache: the rows a prefilter leaves are
    /// scattered, and fetching several at once hides most of the memory latency of each.
    /// </summary>
    public unsafe void Prefetch(int row)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        fixed (float* start = &values[row * PaddedLength])
        {
            for (var offset = 0; offset < PaddedLength; offset += Lanes)
            {
                Sse.Prefetch0(start + offset);
            }
        }
    }

    /// <summary>The dot product of a padded query with row <paramref name="row"/>.</summary>
    public float Score(ReadOnlySpan<float> paddedQuery, int row)
    {
        ref var x = ref values[row * PaddedLength];
        ref var q = ref MemoryMarshal.GetReference(paddedQuery);
        return width switch
        {
            KernelWidth.Vector512 => ScoreVector512(ref q, ref x, PaddedLength),
            KernelWidth.Vector256 => ScoreVector256(ref q, ref x, PaddedLength),
            _ => ScoreScalar(paddedQuery, values.AsSpan(row * PaddedLength, PaddedLength)),
        };
    }

    /// <summary>
    /// The dot products of a padded query with rows <paramref name="first"/> and <paramref name="second"/>: the same
    /// bits as two calls of <see cref="Score(ReadOnlySpan{float}, int)"/>, computed side by side so the two chains
    /// of multiply-adds overlap.
    /// </summary>
    public (float First, float Second) Score(ReadOnlySpan<float> paddedQuery, int first, int second)
    {
        if (width != KernelWidth.Vector512)
        {
            return (Score(paddedQuery, first), Score(paddedQuery, second));
        }

        ref var q = ref MemoryMarshal.GetReference(paddedQuery);
        ref var x = ref values[first * PaddedLength];
        ref var y = ref values[second * PaddedLength];
        Vector512<float> a = default, b = default;
        for (nuint i = 0; i < (nuint)PaddedLength; i += Lanes)
        {
            var query = Vector512.LoadUnsafe(ref q, i);
            a = Vector512.FusedMultiplyAdd(query, Vector512.LoadUnsafe(ref x, i), a);
            b = Vector512.FusedMultiplyAdd(query, Vector512.LoadUnsafe(ref y, i), b);
        }

        return (Fold(a.GetLower() + a.GetUpper()), Fold(b.GetLower() + b.GetUpper()));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float ScoreVector512(ref float q, ref float x, int length)
    {
        var sum = Vector512<float>.Zero;
        for (nuint i = 0; i < (nuint)length; i += Lanes)
        {
            sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref q, i), Vector512.LoadUnsafe(ref x, i), sum);
        }

        return Fold(sum.GetLower() + sum.GetUpper());
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float ScoreVector256(ref float q, ref float x, int length)
    {
        Vector256<float> low = default, high = default;
        for (nuint i = 0; i < (nuint)length; i += Lanes)
        {
            low = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref q, i), Vector256.LoadUnsafe(ref x, i), low);
            high = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref q, i + 8), Vector256.LoadUnsafe(ref x, i + 8), high);
        }

        return Fold(low + high);
    }

    private static float ScoreScalar(ReadOnlySpan<float> q, ReadOnlySpan<float> x)
    {
        Span<float> sums = stackalloc float[Lanes];
        for (var i = 0; i < x.Length; i += Lanes)
        {
            for (var lane = 0; lane < Lanes; lane++)
            {
                sums[lane] = MathF.FusedMultiplyAdd(q[i + lane], x[i + lane], sums[lane]);
            }
        }

        Span<float> eight = stackalloc float[8];
        for (var lane = 0; lane < 8; lane++)
        {
            eight[lane] = sums[lane] + sums[lane + 8];
        }

        return Fold(eight);
    }

    // The fold of the 16 running sums, lanes l and l + 8 already added: (l, l + 4), then (l, l + 2), then the two.
    private static float Fold(Vector256<float> eight)
    {
        var four = eight.GetLower() + eight.GetUpper();
        return (four.GetElement(0) + four.GetElement(2)) + (four.GetElement(1) + four.GetElement(3));
    }

    private static float Fold(ReadOnlySpan<float> p) => ((p[0] + p[4]) + (p[2] + p[6])) + ((p[1] + p[5]) + (p[3] + p[7]));
}
