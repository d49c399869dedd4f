using EdcKg.Core.Caching;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using Microsoft.Extensions.AI;
using TestModels;

namespace EdcKg.Core.Tests.Caching;

public sealed class RunStoreCachingEmbeddingGeneratorTests
{
    [Fact]
    public async Task ConcurrentRequestsForTheSameTextEmbedItOnce()
    {
        using var folder = TestPaths.TempDirectory();
        var inner = new HashingEmbeddingGenerator();
        await using var store = RunStore.Open(folder);
        var cached = new RunStoreCachingEmbeddingGenerator(inner, store, "hashing");
        var requests = Enumerable.Range(0, 32).Select(_ => Task.Run(() => cached.GenerateAsync(["the same definition", "another one"], EmbeddingOptionKeys.For(EmbeddingRole.Query)))).ToList();
        var results = await Task.WhenAll(requests);
        Assert.InRange(inner.Embedded, 2, 4);
        Assert.All(results, r => Assert.Equal(results[0][0].Vector.ToArray(), r[0].Vector.ToArray()));
    }

    [Fact]
    public async Task AStoredEmbeddingIsNotComputedAgainAndRolesAreKeptApart()
    {
        using var folder = TestPaths.TempDirectory();
        var inner = new HashingEmbeddingGenerator();
        await using (var store = RunStore.Open(folder))
        {
            await new RunStoreCachingEmbeddingGenerator(inner, store, "hashing").GenerateAsync(["text"], EmbeddingOptionKeys.For(EmbeddingRole.Query));
        }

        await using (var store = RunStore.Open(folder))
        {
            var cached = new RunStoreCachingEmbeddingGenerator(inner, store, "hashing");
            await cached.GenerateAsync(["text"], EmbeddingOptionKeys.For(EmbeddingRole.Query));
            Assert.Equal(1, inner.Embedded);
            await cached.GenerateAsync(["text"], EmbeddingOptionKeys.For(EmbeddingRole.Passage));
            Assert.Equal(2, inner.Embedded);
        }
    }
}
