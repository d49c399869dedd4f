using EdcKg.Core.Entities;

namespace EdcKg.Core.Tests.Entities;

public sealed class EntityNameTests
{
    [Theory]
    [InlineData("São Paulo", "sao paulo")]
    [InlineData("new_york_city", "new york city")]
    [InlineData("Alan B. Shepard", "alan b shepard")]
    [InlineData("The Beatles", "beatles")]
    [InlineData("AT&T", "at and t")]
    [InlineData("O'Brien", "obrien")]
    [InlineData("Zürich–Nord", "zurich nord")]
    [InlineData("東京", "東京")]
    public void NormalisedNamesFoldCaseAccentsAndPunctuation(string surface, string normalised)
        => Assert.Equal(normalised, EntityName.Of(surface).Normalised);

    [Fact]
    public void NamesWrittenDifferentlyShareTheCompactForm()
    {
        Assert.Equal(EntityName.Of("U.S.").Compact, EntityName.Of("US").Compact);
        Assert.Equal(EntityName.Of("Alan_Shepard").Compact, EntityName.Of("alan shepard").Compact);
        Assert.NotEqual(EntityName.Of("Shepard, Alan").Compact, EntityName.Of("Alan Shepard").Compact);
    }

    [Fact]
    public void InitialsLeaveStopWordsOut()
    {
        Assert.Equal("nasa", EntityName.Of("National Aeronautics and Space Administration").Initials);
        Assert.Equal("ibm", EntityName.Of("International Business Machines").Initials);
        Assert.Equal(string.Empty, EntityName.Of("Paris").Initials);
        Assert.True(EntityName.Of("NASA").MayBeAcronym);
    }

    [Theory]
    [InlineData("J. Smith", "John Smith", 0.85f)]
    [InlineData("Alan B. Shepard", "Alan Shepard", 0.85f)]
    [InlineData("Shepard, Alan", "Alan Shepard", 0.95f)]
    [InlineData("IBM", "International Business Machines", 0.9f)]
    [InlineData("Shepard", "Alan Shepard", 0.75f)]
    public void LexicalSignalsScoreVariants(string a, string b, float atLeast)
        => Assert.True(NameSimilarity.Score(NameFeatures.Of(EntityName.Of(a)), NameFeatures.Of(EntityName.Of(b))) >= atLeast);

    [Fact]
    public void DifferentFirstNamesAreNotInitialVariants()
        => Assert.True(NameSimilarity.Score(NameFeatures.Of(EntityName.Of("Sam Shepard")), NameFeatures.Of(EntityName.Of("Alan Shepard"))) < 0.75f);
}
