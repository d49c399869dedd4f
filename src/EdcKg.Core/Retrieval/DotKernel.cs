using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdcKg.Core.Retrieval;

/// <summary>
/// Dot products of several queries against two rows at once: each loaded vector of a row feeds several
/// multiply-adds, so the loop runs on the FMA units instead of waiting on loads. Every kernel computes each
/// (query, row) pair with the very same sequence of operations, so a score has the same bits whichever kernel,
/// batch or position produced it: results never depend on how queries were grouped.
/// </summary>
internal static class DotKernel
{
    /// <summary>Writes the 8 dot products of queries q0..q3 with rows r0, r1 to <paramref name="scores"/> (query-major).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Score4x2(
        ReadOnlySpan<float> q0,
        ReadOnlySpan<float> q1,
        ReadOnlySpan<float> q2,
        ReadOnlySpan<float> q3,
        ReadOnlySpan<float> r0,
        ReadOnlySpan<float> r1,
        Span<float> scores)
    {
        ref var a0 = ref MemoryMarshal.GetReference(q0);
        ref var a1 = ref MemoryMarshal.GetReference(q1);
        ref var a2 = ref MemoryMarshal.GetReference(q2);
        ref var a3 = ref MemoryMarshal.GetReference(q3);
        ref var b0 = ref MemoryMarshal.GetReference(r0);
        ref var b1 = ref MemoryMarshal.GetReference(r1);
        Vector256<float> s00 = default, s01 = default, s10 = default, s11 = default;
        Vector256<float> s20 = default, s21 = default, s30 = default, s31 = default;
        var vectorEnd = VectorEnd(r0.Length);
        for (nuint i = 0; i < vectorEnd; i += (nuint)Vector256<float>.Count)
        {
            var x0 = Vector256.LoadUnsafe(ref b0, i);
            var x1 = Vector256.LoadUnsafe(ref b1, i);
            var y = Vector256.LoadUnsafe(ref a0, i);
            s00 = Vector256.FusedMultiplyAdd(y, x0, s00);
            s01 = Vector256.FusedMultiplyAdd(y, x1, s01);
            y = Vector256.LoadUnsafe(ref a1, i);
            s10 = Vector256.FusedMultiplyAdd(y, x0, s10);
            s11 = Vector256.FusedMultiplyAdd(y, x1, s11);
            y = Vector256.LoadUnsafe(ref a2, i);
            s20 = Vector256.FusedMultiplyAdd(y, x0, s20);
            s21 = Vector256.FusedMultiplyAdd(y, x1, s21);
            y = Vector256.LoadUnsafe(ref a3, i);
            s30 = Vector256.FusedMultiplyAdd(y, x0, s30);
            s31 = Vector256.FusedMultiplyAdd(y, x1, s31);
        }

        scores[0] = Finish(s00, q0, r0, vectorEnd);
        scores[1] = Finish(s01, q0, r1, vectorEnd);
        scores[2] = Finish(s10, q1, r0, vectorEnd);
        scores[3] = Finish(s11, q1, r1, vectorEnd);
        scores[4] = Finish(s20, q2, r0, vectorEnd);
        scores[5] = Finish(s21, q2, r1, vectorEnd);
        scores[6] = Finish(s30, q3, r0, vectorEnd);
        scores[7] = Finish(s31, q3, r1, vectorEnd);
    }

    /// <summary>The dot products of one query with rows r0 and r1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (float First, float Second) Score1x2(ReadOnlySpan<float> q, ReadOnlySpan<float> r0, ReadOnlySpan<float> r1)
    {
        ref var a = ref MemoryMarshal.GetReference(q);
        ref var b0 = ref MemoryMarshal.GetReference(r0);
        ref var b1 = ref MemoryMarshal.GetReference(r1);
        Vector256<float> s0 = default, s1 = default;
        var vectorEnd = VectorEnd(r0.Length);
        for (nuint i = 0; i < vectorEnd; i += (nuint)Vector256<float>.Count)
        {
            var y = Vector256.LoadUnsafe(ref a, i);
            s0 = Vector256.FusedMultiplyAdd(y, Vector256.LoadUnsafe(ref b0, i), s0);
            s1 = Vector256.FusedMultiplyAdd(y, Vector256.LoadUnsafe(ref b1, i), s1);
        }

        return (Finish(s0, q, r0, vectorEnd), Finish(s1, q, r1, vectorEnd));
    }

    /// <summary>The dot product of one query with one row.</summary>
    public static float Score1x1(ReadOnlySpan<float> q, ReadOnlySpan<float> r)
    {
        ref var a = ref MemoryMarshal.GetReference(q);
        ref var b = ref MemoryMarshal.GetReference(r);
        Vector256<float> s = default;
        var vectorEnd = VectorEnd(r.Length);
        for (nuint i = 0; i < vectorEnd; i += (nuint)Vector256<float>.Count)
        {
            s = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a, i), Vector256.LoadUnsafe(ref b, i), s);
        }

        return Finish(s, q, r, vectorEnd);
    }

    private static nuint VectorEnd(int length) => (nuint)(length - length % Vector256<float>.Count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Finish(Vector256<float> sum, ReadOnlySpan<float> q, ReadOnlySpan<float> r, nuint vectorEnd)
    {
        var total = Vector256.Sum(sum);
        for (var t = (int)vectorEnd; t < r.Length; t++)
        {
            total += q[t] * r[t];
        }

        return total;
    }
}
