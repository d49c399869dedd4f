using EdcKg.Neo4j.Graph;

namespace EdcKg.Neo4j.Tests;

public sealed class GraphNamesTests
{
    [Theory]
    [InlineData("place of birth", "PLACE_OF_BIRTH")]
    [InlineData("located in the administrative territorial entity", "LOCATED_IN_THE_ADMINISTRATIVE_TERRITORIAL_ENTITY")]
    [InlineData("  part-of / member  ", "PART_OF_MEMBER")]
    [InlineData("1st place", "R_1ST_PLACE")]
    [InlineData("`); MATCH (n) DETACH DELETE n //", "MATCH_N_DETACH_DELETE_N")]
    [InlineData("Größe", "GRÖßE")]
    [InlineData("是首都", "是首都")]
    [InlineData("---", GraphNames.FallbackType)]
    [InlineData("", GraphNames.FallbackType)]
    public void Relationship_types_are_upper_snake_case_letters_digits_and_underscores(string relation, string expected)
    {
        var type = GraphNames.RelationshipType(relation);

        Assert.Equal(expected, type);
        Assert.DoesNotContain('`', type);
    }

    [Theory]
    [InlineData("Barack  Obama", "barack obama")]
    [InlineData("\tBarack\nObama ", "barack obama")]
    [InlineData("Hoče–Slivnica", "hoče–slivnica")]
    [InlineData("ÉCOLE Normale", "école normale")]
    [InlineData("   ", "")]
    [InlineData("\U00010400 Deseret", "\U00010428 deseret")]
    public void Entity_keys_are_normalised_trimmed_collapsed_and_lower_cased(string name, string expected) =>
        Assert.Equal(expected, GraphNames.EntityKey(name));

    [Fact]
    public void Quoted_names_double_backticks_so_they_cannot_escape() =>
        Assert.Equal("`a``b`", GraphStatements.Quote("a`b"));
}
