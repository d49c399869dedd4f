using System.Numerics.Tensors;

namespace EdcKg.Core.Entities;

/// <summary>
/// Random-hyperplane locality-sensitive hashing of embeddings: each band is the signs of a vector's dot products
/// with a few seeded random hyperplanes, so two vectors at cosine c share a band with probability
/// (1 − acos(c)/π)^bits. Band codes serve as blocking keys that find semantically close names with no word in
/// common, at a cost per mention that does not grow with the number of entities (unlike a scan of every entity).
/// </summary>
internal sealed class HyperplaneHash
{
    private readonly float[][] planes;

    public HyperplaneHash(int dimension, int bands, int bitsPerBand, int seed)
    {
        Dimension = dimension;
        Bands = bands;
        BitsPerBand = bitsPerBand;
        var random = new Random(seed);
        planes = new float[bands * bitsPerBand][];
        for (var p = 0; p < planes.Length; p++)
        {
            var plane = new float[dimension];
            for (var j = 0; j < dimension; j++)
            {
                // Box–Muller: Gaussian components make the plane's direction uniform on the sphere.
                var u1 = 1.0 - random.NextDouble();
                var u2 = random.NextDouble();
                plane[j] = (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
            }

            planes[p] = plane;
        }
    }

    public int Dimension { get; }

    public int Bands { get; }

    public int BitsPerBand { get; }

    /// <summary>The code of each band of <paramref name="vector"/>.</summary>
    public int[] Codes(ReadOnlySpan<float> vector)
    {
        var codes = new int[Bands];
        for (var b = 0; b < Bands; b++)
        {
            var code = 0;
            for (var i = 0; i < BitsPerBand; i++)
            {
                if (TensorPrimitives.Dot(planes[(b * BitsPerBand) + i], vector) >= 0)
                {
                    code |= 1 << i;
                }
            }

            codes[b] = code;
        }

        return codes;
    }
}
