namespace EdcKg.Core.Entities;

/// <summary>
/// The blocking keys of a name: two names can only be compared when they share one. Each lexical signal has its own
/// kind of key: the words in sorted order (word order), each word (token overlap), the first initial with the last
/// word (a person's name with initials), the initials or the acronym itself (abbreviations), the character trigrams
/// (spelling variants, accents and underscores are already folded by <see cref="EntityName"/>), and the bands of the
/// embedding's hyperplane hash (names that mean the same in context without sharing a word).
/// </summary>
internal static class BlockingKeys
{
    public static List<BlockingKey> Of(NameFeatures features, int[]? bandCodes)
    {
        var name = features.Name;
        var keys = new List<BlockingKey>();
        if (name.Tokens.Count > 1)
        {
            keys.Add(BlockingKey.Of('s', string.Join(' ', name.Tokens.Order(StringComparer.Ordinal)), 3f));
            keys.Add(BlockingKey.Of('q', name.Tokens[0][0] + " " + name.Tokens[^1], 2f));
        }

        foreach (var token in name.Tokens.Distinct(StringComparer.Ordinal))
        {
            if (token.Length >= 2 && !EntityStopWords.Contains(token))
            {
                keys.Add(BlockingKey.Of('t', token, 1f));
            }
        }

        if (name.Initials.Length >= 2)
        {
            keys.Add(BlockingKey.Of('a', name.Initials, 2f));
        }

        if (name.MayBeAcronym)
        {
            keys.Add(BlockingKey.Of('a', name.Compact, 2f));
        }

        foreach (var trigram in features.TrigramTexts().Distinct(StringComparer.Ordinal))
        {
            keys.Add(BlockingKey.Of('g', trigram, 0.25f));
        }

        if (bandCodes is not null)
        {
            for (var b = 0; b < bandCodes.Length; b++)
            {
                keys.Add(BlockingKey.Of('e', b + ":" + bandCodes[b], 0.5f));
            }
        }

        return keys;
    }
}
