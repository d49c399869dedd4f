using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdcKg.Core.Retrieval;

/// <summary>
/// Dot products of four queries against two rows at once: each loaded vector of a row feeds four multiply-adds
/// and each vector of a query two, so the loop runs on the FMA units instead of waiting on loads, as one
/// <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> per pair does.
/// </summary>
internal static class DotKernel
{
    public const int Queries = 4;
    public const int Rows = 2;

    /// <summary>Whether <see cref="Score4x2"/> runs on SIMD hardware; otherwise callers use one dot per pair.</summary>
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;

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
        var length = r0.Length;
        ref var a0 = ref MemoryMarshal.GetReference(q0);
        ref var a1 = ref MemoryMarshal.GetReference(q1);
        ref var a2 = ref MemoryMarshal.GetReference(q2);
        ref var a3 = ref MemoryMarshal.GetReference(q3);
        ref var b0 = ref MemoryMarshal.GetReference(r0);
        ref var b1 = ref MemoryMarshal.GetReference(r1);
        Vector256<float> s00 = default, s01 = default, s10 = default, s11 = default;
        Vector256<float> s20 = default, s21 = default, s30 = default, s31 = default;
        nuint i = 0;
        var vectorEnd = (nuint)(length - length % Vector256<float>.Count);
        for (; i < vectorEnd; i += (nuint)Vector256<float>.Count)
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

        scores[0] = Vector256.Sum(s00);
        scores[1] = Vector256.Sum(s01);
        scores[2] = Vector256.Sum(s10);
        scores[3] = Vector256.Sum(s11);
        scores[4] = Vector256.Sum(s20);
        scores[5] = Vector256.Sum(s21);
        scores[6] = Vector256.Sum(s30);
        scores[7] = Vector256.Sum(s31);
        for (var t = (int)vectorEnd; t < length; t++)
        {
            scores[0] += q0[t] * r0[t];
            scores[1] += q0[t] * r1[t];
            scores[2] += q1[t] * r0[t];
            scores[3] += q1[t] * r1[t];
            scores[4] += q2[t] * r0[t];
            scores[5] += q2[t] * r1[t];
            scores[6] += q3[t] * r0[t];
            scores[7] += q3[t] * r1[t];
        }
    }
}
