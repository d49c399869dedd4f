using EdcKg.Core.Parsing;

namespace EdcKg.Core.Tests.Parsing;

public sealed class OtherParserTests
{
    [Fact]
    public void DefinitionsAreReadPerLineAtTheFirstColon()
    {
        var definitions = RelationDefinitionParser.Parse(
            "Answer:\npublication date: The subject was published on: the date.\n1. **genre**: The subject belongs to the genre.\n- 'Director': Directed by the object.\nno colon here",
            ["publication date", "genre", "director"]);
        Assert.Equal("The subject was published on: the date.", definitions["publication date"]);
        Assert.Equal("The subject belongs to the genre.", definitions["genre"]);
        Assert.Equal("Directed by the object.", definitions["director"]);
        Assert.Equal(3, definitions.Count);
    }

    [Fact]
    public void EntitiesAreTheFirstListOfStrings()
    {
        Assert.Equal(["Lyseren", "Norway", "Enebakk"], EntityListParser.Parse("Entities: ['Lyseren', 'Norway', 'Enebakk', 'Norway']"));
        Assert.Equal(["Visu", "Varavu Nalla Uravu"], EntityListParser.Parse("[Visu, Varavu Nalla Uravu]"));
        Assert.Empty(EntityListParser.Parse("none"));
    }

    [Theory]
    [InlineData("B", "B")]
    [InlineData("  Answer: C. 'country'", "C")]
    [InlineData("(A)", "A")]
    [InlineData("F", null)]
    [InlineData("", null)]
    public void TheChoiceIsTheFirstLetter(string answer, string? expected)
        => Assert.Equal(expected, ChoiceParser.Parse(answer, ["A", "B", "C", "D", "E"]));
}
