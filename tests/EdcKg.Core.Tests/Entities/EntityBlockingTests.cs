using EdcKg.Core.Entities;

namespace EdcKg.Core.Tests.Entities;

public sealed class EntityBlockingTests
{
    private static List<BlockingKey> KeysOf(string name) => BlockingKeys.Of(NameFeatures.Of(EntityName.Of(name)), null);

    [Fact]
    public void ALookupReachesNoMoreThanTheBudgetHoweverManyNamesShareItsKeys()
    {
        var index = new EntityBlockingIndex(postingCap: 32, reachBudget: 96);
        for (var i = 0; i < 5000; i++)
        {
            index.Add(i, KeysOf($"John Smith{i}"));
        }

        var reached = index.Reach(KeysOf("John Smith"));
        Assert.InRange(reached.Count, 1, 96);
    }

    [Fact]
    public void RareKeysAreSpentFirstSoTheTellingNameIsReachedAmongManyCommonOnes()
    {
        var index = new EntityBlockingIndex(postingCap: 8, reachBudget: 8);
        index.Add(0, KeysOf("Alan Bartlett Shepard"));
        for (var i = 1; i < 2000; i++)
        {
            index.Add(i, KeysOf($"Alan Person{i}"));
        }

        // "alan" is everywhere and its list holds only the newest names; "shepard" is rare and finds node 0.
        Assert.Contains(0, index.Reach(KeysOf("Alan B. Shepard")).Keys);
    }

    [Fact]
    public void InitialsAndAcronymsShareAKey()
    {
        var acronym = KeysOf("NASA").Select(k => k.Hash).ToHashSet();
        Assert.Contains(KeysOf("National Aeronautics and Space Administration"), k => acronym.Contains(k.Hash));
        var initial = KeysOf("J. Smith").Select(k => k.Hash).ToHashSet();
        Assert.Contains(KeysOf("John Smith"), k => initial.Contains(k.Hash));
    }
}
