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
