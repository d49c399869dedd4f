using System.Numerics.Tensors;

namespace EdcKg.Onnx;

/// <summary>Pools the token states of one text into its sentence vector.</summary>
internal static class TokenPooling
{
    /// <summary>
    /// Pools <paramref name="states"/> (sequence × hidden, row-major) over the first <paramref name="tokens"/> rows,
    /// which are the text's real tokens: padding is always at the end of a row.
    /// </summary>
    public static void Pool(PoolingMode mode, ReadOnlySpan<float> states, int hidden, int tokens, Span<float> destination)
    {
        if (tokens < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(tokens), "A text has at least one token ([CLS]).");
        }

        switch (mode)
        {
            case PoolingMode.Cls:
                states[..hidden].CopyTo(destination);
                break;
            case PoolingMode.LastToken:
                states.Slice((tokens - 1) * hidden, hidden).CopyTo(destination);
                break;
            case PoolingMode.Max:
                states[..hidden].CopyTo(destination);
                for (var t = 1; t < tokens; t++)
                {
                    TensorPrimitives.Max(destination, states.Slice(t * hidden, hidden), destination);
                }

                break;
            case PoolingMode.Mean:
            case PoolingMode.MeanSqrtLength:
                states[..hidden].CopyTo(destination);
                for (var t = 1; t < tokens; t++)
                {
                    TensorPrimitives.Add(destination, states.Slice(t * hidden, hidden), destination);
                }

                var divisor = mode == PoolingMode.Mean ? tokens : MathF.Sqrt(tokens);
                TensorPrimitives.Divide(destination, divisor, destination);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown pooling mode.");
        }
    }
}
