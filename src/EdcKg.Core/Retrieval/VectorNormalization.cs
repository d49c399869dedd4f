using System.Numerics.Tensors;

namespace EdcKg.Core.Retrieval;

/// <summary>L2 normalisation of embedding vectors, the one implementation every embedder and the index use.</summary>
public static class VectorNormalization
{
    /// <summary>Scales <paramref name="vector"/> to unit length in place; a zero vector stays zero.</summary>
    public static void ToUnitLength(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }
}
