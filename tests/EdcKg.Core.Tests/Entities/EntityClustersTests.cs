using EdcKg.Core.Entities;

namespace EdcKg.Core.Tests.Entities;

public sealed class EntityClustersTests
{
    private static EntityMention M(string document, string name) => new(0, document, name, name + " is here.");

    [Fact]
    public void AMergeOfEntitiesDecidedDifferentIsRefused()
    {
        var clusters = new EntityClusters();
        var alan = clusters.Create(M("0", "Alan Shepard"), "e0", []);
        var sam = clusters.Create(M("1", "Sam Shepard"), "e1", []);
        var shepard = clusters.Create(M("2", "Shepard"), "e2", []);
        clusters.SetDifferent(alan, sam);
        Assert.True(clusters.TryMerge(shepard, alan));

        // "Shepard" is now Alan's: joining it to Sam would join Alan and Sam.
        Assert.False(clusters.TryMerge(sam, shepard));
        Assert.Equal(2, clusters.Count);
        Assert.Equal("e0", clusters.IdOf(shepard));
    }

    [Fact]
    public void TheCanonicalNameIsTheMostFrequentThenTheLongestThenTheFirst()
    {
        Assert.Equal("NASA", EntityClusters.CanonicalOf(["NASA", "National Aeronautics and Space Administration", "NASA"]));
        Assert.Equal("Alan B. Shepard", EntityClusters.CanonicalOf(["Alan Shepard", "Alan B. Shepard"]));
        Assert.Equal("Alan Shepard", EntityClusters.CanonicalOf(["Alan Shepard", "Shepard Alan"]));
    }

    [Fact]
    public void AMergedEntityKeepsTheOlderId()
    {
        var clusters = new EntityClusters();
        var first = clusters.Create(M("0", "Acme"), "e0", []);
        var second = clusters.Create(M("1", "Acme Corp"), "e5", []);
        clusters.AddMention(M("2", "Acme Corp"), second);
        Assert.True(clusters.TryMerge(second, first));
        var entity = Assert.Single(clusters.Entities());
        Assert.Equal("e0", entity.Id);
        Assert.Equal("Acme Corp", entity.Name);
        Assert.Equal(3, entity.Mentions);
    }
}
