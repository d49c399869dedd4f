using System.Text;

namespace EdcKg.Core.Domain;

/// <summary>The key an entity name is identified by in the graph, its exports and its corrections.</summary>
public static class EntityKey
{
    /// <summary>
    /// Trimmed, inner white space collapsed to one space, lower-cased character by character (invariant culture,
    /// letters outside the Basic Multilingual Plane included). "Barack  Obama" and "barack obama" are one entity;
    /// "Hoče" keeps its háček.
    /// </summary>
    public static string Of(string name)
    {
        var builder = new StringBuilder(name.Length);
        var pendingSpace = false;
        foreach (var rune in name.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(Rune.ToLowerInvariant(rune).ToString());
        }

        return builder.ToString();
    }
}
