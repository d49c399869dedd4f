using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EdcKg.Core.Retrieval;

/// <summary>
/// How wide the retrieval kernels' vectors are. Every width computes each score with the same operations in the same
/// order, lane by lane, so a result has the same bits on any processor; the width only changes the speed.
/// </summary>
internal enum KernelWidth
{
    /// <summary>One lane at a time: the reference the vector kernels must equal.</summary>
    Scalar,

    /// <summary>256-bit vectors (AVX2 for the integer kernel).</summary>
    Vector256,

    /// <summary>512-bit vectors (AVX-512BW for the integer kernel).</summary>
    Vector512,
}

/// <summary>The widest kernels this processor runs natively.</summary>
internal static class KernelWidths
{
    /// <summary>The widest width for floating-point scoring.</summary>
    public static KernelWidth WidestFloat { get; } =
        Vector512.IsHardwareAccelerated ? KernelWidth.Vector512 : Vector256.IsHardwareAccelerated ? KernelWidth.Vector256 : KernelWidth.Scalar;

    /// <summary>The widest width for the 8-bit integer prefilter.</summary>
    public static KernelWidth WidestInteger { get; } =
        Avx512BW.IsSupported ? KernelWidth.Vector512 : Avx2.IsSupported ? KernelWidth.Vector256 : KernelWidth.Scalar;

    /// <summary><paramref name="width"/>, or narrower where the processor lacks it.</summary>
    public static KernelWidth CapFloat(KernelWidth width) => width <= WidestFloat ? width : WidestFloat;

    /// <summary><paramref name="width"/>, or narrower where the processor lacks it.</summary>
    public static KernelWidth CapInteger(KernelWidth width) => width <= WidestInteger ? width : WidestInteger;
}
