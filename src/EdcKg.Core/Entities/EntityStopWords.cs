namespace EdcKg.Core.Entities;

/// <summary>Words that say nothing about which entity a name means: they are left out of blocking keys and initials.</summary>
internal static class EntityStopWords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "of", "and", "for", "in", "on", "at", "to", "de", "la", "le", "du", "des", "der", "von", "van", "y", "da", "di",
    };

    public static bool Contains(string token) => Words.Contains(token);
}
