using System.Globalization;
using EdcKg.Core.Retrieval;

namespace EdcKg.Core.Tests.Retrieval;

public sealed class EmbeddingIndexTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(500, 24, 10)]
    [InlineData(1000, 384, 10)]
    [InlineData(37, 13, 50)]
    public void TopKMatchesBruteForceCosineRanking(int count, int dimension, int k)
    {
        var random = new Random(count * 31 + dimension);
        var (index, vectors) = RandomIndex(random, count, dimension);

        for (var q = 0; q < 20; q++)
        {
            var query = RandomVector(random, dimension, scale: 3f);
            var expected = BruteForce(vectors, query, k);

            var actual = index.TopK(query, k);

            Assert.Equal(expected.Select(e => e.Key), actual.Select(a => a.Key));
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Score, actual[i].Score, 1e-5f);
            }
        }
    }

    [Fact]
    public void TopKManyGivesEachQueryTheSameResultAsTopK()
    {
        var random = new Random(5);
        var (index, _) = RandomIndex(random, 700, 48);
        var queries = Enumerable.Range(0, 300).Select(_ => (ReadOnlyMemory<float>)RandomVector(random, 48, scale: 1f)).ToArray();

        var many = index.TopKMany(queries, 7);

        Assert.Equal(queries.Length, many.Count);
        for (var q = 0; q < queries.Length; q++)
        {
            var single = index.TopK(queries[q].Span, 7);
            Assert.Equal(single.Select(s => s.Key), many[q].Select(m => m.Key));
            Assert.Equal(single.Select(s => s.Score), many[q].Select(m => m.Score));
        }
    }

    [Fact]
    public void ScoresHaveTheSameBitsAloneAndInAnyBatchSoNearTiesRankTheSame()
    {
        // Rows closer than float rounding: any difference in arithmetic between paths would reorder them.
        var random = new Random(11);
        var index = new EmbeddingIndex(99);
        var center = RandomVector(random, 99, scale: 1f);
        for (var i = 0; i < 2001; i++)
        {
            var vector = i % 3 == 0 ? RandomVector(random, 99, scale: 1f) : center.Select(x => x + (float)(random.NextDouble() - 0.5) * 1e-6f).ToArray();
            if (i % 7 == 0)
            {
                vector = (float[])center.Clone();
            }

            index.Add("r" + i.ToString(CultureInfo.InvariantCulture), vector);
        }

        var queries = Enumerable.Range(0, 43)
            .Select(q => (ReadOnlyMemory<float>)(q % 2 == 0 ? center.Select(x => x * (q + 1)).ToArray() : RandomVector(random, 99, scale: 0.01f)))
            .ToArray();

        var all = index.TopKMany(queries, 25);
        var shifted = index.TopKMany(queries[1..], 25);

        for (var q = 0; q < queries.Length; q++)
        {
            Assert.Equal(index.TopK(queries[q].Span, 25), all[q]);
            if (q > 0)
            {
                Assert.Equal(all[q], shifted[q - 1]);
            }
        }
    }

    [Fact]
    public void TiesKeepInsertionOrder()
    {
        var index = new EmbeddingIndex(2);
        index.Add("first", [1, 0]);
        index.Add("other", [0, 1]);
        index.Add("second", [2, 0]);
        index.Add("third", [5, 0]);

        var top = index.TopK([1, 0], 3);

        Assert.Equal(["first", "second", "third"], top.Select(t => t.Key));
        Assert.All(top, t => Assert.Equal(1f, t.Score, 6));
    }

    [Fact]
    public void IncrementalAddsAreFoundByLaterQueriesAndReplacingAKeyKeepsOneEntry()
    {
        var index = new EmbeddingIndex(3);
        index.Add("born in", [1, 0, 0]);
        Assert.Equal("born in", index.TopK([0, 1, 0], 1)[0].Key);

        index.Add("member of", [0, 1, 0]);
        index.Add("born in", [0, 0, 1]);

        Assert.Equal(2, index.Count);
        Assert.Equal(["born in", "member of"], index.Keys);
        Assert.Equal("member of", index.TopK([0, 1, 0], 1)[0].Key);
        Assert.Equal("born in", index.TopK([0, 0, 1], 1)[0].Key);
    }

    [Fact]
    public void GrowingPastTheInitialCapacityKeepsEveryVector()
    {
        var random = new Random(9);
        var (index, vectors) = RandomIndex(random, 1500, 8);

        foreach (var (key, vector) in vectors)
        {
            var best = index.TopK(vector, 1)[0];
            Assert.Equal(key, best.Key);
            Assert.Equal(1f, best.Score, 4);
        }
    }

    [Fact]
    public void KLargerThanTheIndexReturnsEverythingAndAnEmptyIndexReturnsNothing()
    {
        var index = new EmbeddingIndex(2);
        Assert.Empty(index.TopK([1, 0], 5));
        Assert.Empty(index.TopKMany([new float[] { 1, 0 }], 5)[0]);

        index.Add("a", [1, 0]);
        index.Add("b", [0, 1]);

        Assert.Equal(2, index.TopK([1, 1], 10).Count);
        Assert.Empty(index.TopK([1, 1], 0));
    }

    [Fact]
    public void VectorsOfAnotherDimensionAreRefusedWithAClearMessage()
    {
        var index = new EmbeddingIndex(384);

        var add = Assert.Throws<ArgumentException>(() => index.Add("capital", new float[768]));
        var query = Assert.Throws<ArgumentException>(() => index.TopK(new float[768], 3));
        var many = Assert.Throws<ArgumentException>(() => index.TopKMany([new float[384], new float[768]], 3));

        Assert.Contains("'capital' has 768 dimensions", add.Message);
        Assert.Contains("384-dimensional", add.Message);
        Assert.Contains("768 dimensions", query.Message);
        Assert.Contains("Query 1 has 768", many.Message);
    }

    [Theory]
    [InlineData(600, 384, 10, 0.05f)]
    [InlineData(3001, 384, 1, 0.02f)]
    [InlineData(2500, 97, 25, 0.001f)]
    [InlineData(4000, 16, 3, 0.3f)]
    public void ThePrefilterNeverChangesAResultEvenAmongNearTies(int count, int dimension, int k, float spread)
    {
        // Clusters of rows closer together than 8-bit rounding can tell apart, exact duplicates, and queries aimed at
        // the clusters: the prefilter must hand every row that can win to the exact pass.
        var random = new Random(count + dimension);
        var centers = Enumerable.Range(0, 8).Select(_ => RandomVector(random, dimension, scale: 1f)).ToArray();
        var exact = new EmbeddingIndex(dimension, KernelWidth.Vector512, prefilter: false);
        var prefiltered = new EmbeddingIndex(dimension, KernelWidth.Vector512, prefilter: true);
        for (var i = 0; i < count; i++)
        {
            var center = centers[i % centers.Length];
            var vector = i % 11 == 0 ? (float[])center.Clone() : center.Select(x => x + (float)(random.NextDouble() - 0.5) * spread).ToArray();
            var key = "r" + i.ToString(CultureInfo.InvariantCulture);
            exact.Add(key, vector);
            prefiltered.Add(key, vector);
        }

        for (var q = 0; q < 60; q++)
        {
            var center = centers[q % centers.Length];
            var query = q % 3 == 0 ? RandomVector(random, dimension, scale: 0.5f) : center.Select(x => (x + (float)(random.NextDouble() - 0.5) * spread) * (q + 1)).ToArray();

            Assert.Equal(exact.TopK(query, k), prefiltered.TopK(query, k));
        }
    }

    [Fact]
    public void RowsUnlikeThoseThePrefilterWasCalibratedOnAreStillFound()
    {
        // The mean and spreads are measured at 512 rows; the rows added after them lie elsewhere and have a dominant
        // dimension the first ones lack.
        var random = new Random(21);
        var exact = new EmbeddingIndex(64, KernelWidth.Vector512, prefilter: false);
        var prefiltered = new EmbeddingIndex(64, KernelWidth.Vector512, prefilter: true);
        var before = RandomVector(random, 64, scale: 1f);
        var after = RandomVector(random, 64, scale: 1f);
        after[5] = 40f;
        for (var i = 0; i < 1000; i++)
        {
            var center = i < EmbeddingIndex.PrefilterMinimumRows ? before : after;
            var vector = center.Select(x => x + (float)(random.NextDouble() - 0.5) * 0.2f).ToArray();
            exact.Add("r" + i.ToString(CultureInfo.InvariantCulture), vector);
            prefiltered.Add("r" + i.ToString(CultureInfo.InvariantCulture), vector);
        }

        for (var q = 0; q < 40; q++)
        {
            var query = (q % 2 == 0 ? after : before).Select(x => x + (float)(random.NextDouble() - 0.5) * 0.2f).ToArray();
            Assert.Equal(exact.TopK(query, 5), prefiltered.TopK(query, 5));
        }
    }

    [Fact]
    public void EveryKernelWidthGivesTheSameBits()
    {
        var random = new Random(3);
        var widths = new[] { KernelWidth.Scalar, KernelWidth.Vector256, KernelWidth.Vector512 };
        var indexes = widths.Select(w => new EmbeddingIndex(45, w, prefilter: true)).ToArray();
        for (var i = 0; i < 1100; i++)
        {
            var vector = RandomVector(random, 45, scale: 1f + i % 3);
            foreach (var index in indexes)
            {
                index.Add("r" + i.ToString(CultureInfo.InvariantCulture), vector);
            }
        }

        for (var q = 0; q < 30; q++)
        {
            var query = RandomVector(random, 45, scale: 2f);
            var reference = indexes[0].TopK(query, 12);
            Assert.Equal(12, reference.Count);
            foreach (var index in indexes[1..])
            {
                Assert.Equal(reference, index.TopK(query, 12));
            }
        }
    }

    [Fact]
    public void ARowThatIsNotFiniteTurnsThePrefilterOffRatherThanBreakingItsBound()
    {
        var random = new Random(4);
        var (index, vectors) = RandomIndex(random, 800, 32);
        var broken = Enumerable.Repeat(float.NaN, 32).ToArray();
        index.Add("broken", broken);
        var query = vectors[17].Vector;

        var top = index.TopK(query, 3);

        Assert.Equal("relation 17", top[0].Key);
        index.Add("broken", vectors[3].Vector);
        Assert.Equal(["relation 3", "broken"], index.TopK(vectors[3].Vector, 2).Select(t => t.Key));
    }

    private static (EmbeddingIndex Index, List<(string Key, float[] Vector)> Vectors) RandomIndex(Random random, int count, int dimension)
    {
        var index = new EmbeddingIndex(dimension);
        var vectors = new List<(string, float[])>();
        for (var i = 0; i < count; i++)
        {
            var key = "relation " + i.ToString(CultureInfo.InvariantCulture);
            var vector = RandomVector(random, dimension, scale: 1f + i % 5);
            index.Add(key, vector);
            vectors.Add((key, vector));
        }

        return (index, vectors);
    }

    private static float[] RandomVector(Random random, int dimension, float scale)
    {
        var vector = new float[dimension];
        for (var i = 0; i < dimension; i++)
        {
            vector[i] = (float)(random.NextDouble() * 2 - 1) * scale;
        }

        return vector;
    }

    // Cosine in double precision, ranked by a stable sort: the definition the index must agree with.
    private static List<ScoredKey> BruteForce(List<(string Key, float[] Vector)> vectors, float[] query, int k)
    {
        double Norm(float[] v) => Math.Sqrt(v.Sum(x => (double)x * x));
        return vectors
            .Select(v => new ScoredKey(v.Key, (float)(v.Vector.Zip(query, (a, b) => (double)a * b).Sum() / (Norm(v.Vector) * Norm(query)))))
            .OrderByDescending(s => s.Score)
            .Take(k)
            .ToList();
    }
}
