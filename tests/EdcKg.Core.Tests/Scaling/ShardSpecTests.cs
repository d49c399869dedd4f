using EdcKg.Core.Domain;
using EdcKg.Core.Scaling;

namespace EdcKg.Core.Tests.Scaling;

public sealed class ShardSpecTests
{
    [Theory]
    [InlineData("3")]
    [InlineData("a/4")]
    [InlineData("1/2/3")]
    [InlineData("-1/4")]
    [InlineData("4/4")]
    [InlineData("0/0")]
    public void AMalformedShardIsRejectedNamingTheOption(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => ShardSpec.Parse(text));
        Assert.StartsWith("--shard:", error.Message);
    }

    [Fact]
    public void EveryDocumentFallsInExactlyOneShardWhateverTheCorpusOrder()
    {
        var corpus = Enumerable.Range(0, 1000).Select(i => new Document(i, "doc-" + i, "text")).ToList();
        var shards = Enumerable.Range(0, 4).Select(i => new ShardSpec(i, 4)).ToList();
        var picked = shards.SelectMany(s => s.Select(corpus)).ToList();
        Assert.Equal(corpus.Count, picked.Count);
        Assert.Equal(corpus.Select(d => d.Id).Order(), picked.Select(d => d.Id).Order());
        // The assignment depends on the id only: reversed order and other positions give the same shards.
        var reversed = corpus.Select(d => d with { Index = 999 - d.Index }).Reverse().ToList();
        Assert.Equal(shards[2].Select(corpus).Select(d => d.Id).Order(), shards[2].Select(reversed).Select(d => d.Id).Order());
        // SHA-256 spreads ids evenly: each of 4 shards gets a fair share of 1000 documents.
        Assert.All(shards, s => Assert.InRange(s.Select(corpus).Count, 200, 300));
    }

    [Theory]
    [InlineData("doc-0", 7, 6)]
    [InlineData("doc-0", 100, 74)]
    [InlineData("Alice", 3, 2)]
    [InlineData("webnlg-17", 7, 2)]
    [InlineData("anything", 1, 0)]
    public void TheAssignmentIsTheFirst8BytesOfTheSha256OfTheIdModuloTheCount(string id, int count, int expected)
    {
        // Expected values computed independently with Python's hashlib.
        Assert.Equal(expected, ShardSpec.ShardOf(id, count));
    }
}
