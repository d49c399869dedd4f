namespace EdcKg.Core.Retrieval;

/// <summary>
/// A query in the prefilter's coordinates (each component multiplied by its dimension's spread, so that its dot
/// product with a standardized row equals the dot product with the row less the mean row), rounded to 16-bit
/// integers with one scale, together with what the error bound needs: the query's norm and the norm of what the
/// rounding took away. Rounding is fine enough that the rows' 8-bit rounding dominates the bound.
/// </summary>
internal sealed class QuantizedQuery
{
    private QuantizedQuery(short[] components, float scale, double norm, double roundedNorm, double residualNorm)
    {
        Components = components;
        Scale = scale;
        Norm = norm;
        RoundedNorm = roundedNorm;
        ResidualNorm = residualNorm;
    }

    /// <summary>The rounded components, zero-padded to whole pairs.</summary>
    public short[] Components { get; }

    /// <summary>The value of one integer step.</summary>
    public float Scale { get; }

    /// <summary>The Euclidean norm of the query itself.</summary>
    public double Norm { get; }

    /// <summary>The Euclidean norm of the rounded query in the prefilter's coordinates.</summary>
    public double RoundedNorm { get; }

    /// <summary>The Euclidean norm of the scaled query minus its rounded form.</summary>
    public double ResidualNorm { get; }

    /// <summary>
    /// The query scaled by <paramref name="spreads"/> and rounded to integers of magnitude at most
    /// <paramref name="limit"/>; null for a zero query or one with a component that is not finite.
    /// </summary>
    public static QuantizedQuery? TryCreate(ReadOnlySpan<float> query, ReadOnlySpan<float> spreads, int limit, int paddedLength)
    {
        double maxAbs = 0, norm = 0;
        for (var j = 0; j < query.Length; j++)
        {
            if (!float.IsFinite(query[j]))
            {
                return null;
            }

            maxAbs = Math.Max(maxAbs, Math.Abs((double)query[j] * spreads[j]));
            norm += (double)query[j] * query[j];
        }

        var scale = (float)(maxAbs / limit);
        if (!(scale > 0) || !float.IsFinite(scale))
        {
            return null;
        }

        var components = new short[paddedLength];
        var inverse = 1.0 / scale;
        double rounded = 0, residual = 0;
        for (var j = 0; j < query.Length; j++)
        {
            var scaled = (double)query[j] * spreads[j];
            var level = (int)Math.Clamp(Math.Round(scaled * inverse), -limit, limit);
            components[j] = (short)level;
            var kept = (double)scale * level;
            rounded += kept * kept;
            residual += (scaled - kept) * (scaled - kept);
        }

        return new QuantizedQuery(components, scale, Math.Sqrt(norm), Math.Sqrt(rounded), Math.Sqrt(residual));
    }
}
