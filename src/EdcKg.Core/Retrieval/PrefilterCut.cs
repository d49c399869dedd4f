using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdcKg.Core.Retrieval;

/// <summary>
/// Where the 8-bit prefilter cuts: the k-th largest approximate score, and the rows whose approximate score
/// reaches a threshold. Both scan the scores a vector at a time and only look at single lanes where a vector holds
/// something above the bar, which after the first few vectors is rare.
/// </summary>
internal static class PrefilterCut
{
    /// <summary>The <paramref name="k"/>-th largest of <paramref name="values"/> (1 ≤ k ≤ length).</summary>
    public static float KthLargest(ReadOnlySpan<float> values, int k)
    {
        var best = new TopKSelection(k);
        var i = 0;
        ref var start = ref MemoryMarshal.GetReference(values);
        for (; i + Vector256<float>.Count <= values.Length; i += Vector256<float>.Count)
        {
            if (!Vector256.GreaterThanAny(Vector256.LoadUnsafe(ref start, (nuint)i), Vector256.Create(best.Threshold)))
            {
                continue;
            }

            for (var lane = i; lane < i + Vector256<float>.Count; lane++)
            {
                best.Offer(lane, values[lane]);
            }
        }

        for (; i < values.Length; i++)
        {
            best.Offer(i, values[i]);
        }

        return best.Threshold;
    }

    /// <summary>
    /// Writes to <paramref name="rows"/> every index whose value reaches <paramref name="threshold"/>, in increasing
    /// order, and returns how many.
    /// </summary>
    public static int CandidateRows(ReadOnlySpan<float> values, float threshold, Span<int> rows)
    {
        var bar = Vector256.Create(threshold);
        ref var start = ref MemoryMarshal.GetReference(values);
        var found = 0;
        var i = 0;
        for (; i + Vector256<float>.Count <= values.Length; i += Vector256<float>.Count)
        {
            var hits = Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref start, (nuint)i), bar).ExtractMostSignificantBits();
            while (hits != 0)
            {
                rows[found++] = i + BitOperations.TrailingZeroCount(hits);
                hits &= hits - 1;
            }
        }

        for (; i < values.Length; i++)
        {
            if (values[i] >= threshold)
            {
                rows[found++] = i;
            }
        }

        return found;
    }
}
