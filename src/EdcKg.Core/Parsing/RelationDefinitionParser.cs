namespace EdcKg.Core.Parsing;

/// <summary>
/// Reads <c>relation: definition</c> lines as EDC does (split at the first colon, an "Answer" line skipped), and
/// also copes with list bullets, numbering, quotes and bold markers around the relation name, and a name that
/// differs from an asked-for relation only in letter case.
/// </summary>
public static class RelationDefinitionParser
{
    /// <summary>Parses <paramref name="answer"/>; <paramref name="askedRelations"/> are the relations the prompt asked about.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string answer, IReadOnlyCollection<string> askedRelations)
    {
        var byLowerCase = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var relation in askedRelations)
        {
            byLowerCase.TryAdd(relation, relation);
        }

        var definitions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rawLine in answer.Split('\n'))
        {
            var colon = rawLine.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var relation = CleanName(rawLine[..colon]);
            var definition = rawLine[(colon + 1)..].Trim();
            if (relation.Length == 0 || relation == "Answer" || definition.Length == 0)
            {
                continue;
            }

            if (!askedRelations.Contains(relation) && byLowerCase.TryGetValue(relation, out var asked))
            {
                relation = asked;
            }

            definitions[relation] = definition;
        }

        return definitions;
    }

    private static string CleanName(string name)
    {
        var text = name.Trim();
        // "1. relation", "2) relation", "- relation", "* relation"
        var i = 0;
        while (i < text.Length && char.IsDigit(text[i]))
        {
            i++;
        }

        if (i > 0 && i < text.Length && text[i] is '.' or ')')
        {
            text = text[(i + 1)..].TrimStart();
        }

        text = text.TrimStart('-', '*', '•', ' ').Trim();
        text = text.Trim('*', '`').Trim();
        if (text.Length >= 2 && (text[0] is '\'' or '"') && text[^1] == text[0])
        {
            text = text[1..^1];
        }

        return text.Trim();
    }
}
