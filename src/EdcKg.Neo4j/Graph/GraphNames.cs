using System.Globalization;
using System.Text;

namespace EdcKg.Neo4j.Graph;

/// <summary>How names of the extracted graph become Neo4j keys and relationship types.</summary>
public static class GraphNames
{
    /// <summary>The type used when a relation has no letter or digit at all.</summary>
    public const string FallbackType = "RELATED_TO";

    /// <summary>
    /// The key an entity is unique on: trimmed, inner white space collapsed to one space, lower-cased character by
    /// character (invariant culture, letters outside the Basic Multilingual Plane included). "Barack  Obama" and
    /// "barack obama" are one entity; "Hoče" keeps its háček.
    /// </summary>
    public static string EntityKey(string name) => EdcKg.Core.Domain.EntityKey.Of(name);

    /// <summary>
    /// A relationship type for a canonical relation, following Neo4j's UPPER_SNAKE_CASE convention: letters and digits
    /// upper-cased, every other run of characters one underscore, never starting with a digit ("place of birth" →
    /// <c>PLACE_OF_BIRTH</c>, "1st-place" → <c>R_1ST_PLACE</c>). The original name is kept on the relationship.
    /// </summary>
    public static string RelationshipType(string relation)
    {
        var builder = new StringBuilder(relation.Length);
        foreach (var rune in relation.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var isWordPart = Rune.IsLetterOrDigit(rune) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (isWordPart)
            {
                builder.Append(Rune.ToUpperInvariant(rune).ToString());
            }
            else if (builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        while (builder.Length > 0 && builder[^1] == '_')
        {
            builder.Length--;
        }

        if (builder.Length == 0)
        {
            return FallbackType;
        }

        return char.IsAsciiDigit(builder[0]) || !Rune.IsLetter(Rune.GetRuneAt(builder.ToString(), 0)) ? "R_" + builder : builder.ToString();
    }
}
