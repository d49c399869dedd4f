namespace EdcKg.Core.Entities;

/// <summary>Finds a sentence of a text that mentions a name: the context an entity-resolution question shows.</summary>
internal static class ContextSentences
{
    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ends = c is '\n' || (c is '.' or '!' or '?' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])) && !EndsWithInitial(text, i));
            if (ends)
            {
                Add(sentences, text[start..(i + 1)]);
                start = i + 1;
            }
        }

        Add(sentences, text[start..]);
        return sentences;
    }

    /// <summary>The first sentence holding <paramref name="name"/> (case-insensitively, then with underscores and spacing normalised), or null.</summary>
    public static string? Find(IReadOnlyList<string> sentences, string name)
    {
        foreach (var sentence in sentences)
        {
            if (sentence.Contains(name, StringComparison.OrdinalIgnoreCase))
            {
                return sentence;
            }
        }

        var wanted = EntityName.Of(name).Normalised;
        if (wanted.Length == 0)
        {
            return null;
        }

        foreach (var sentence in sentences)
        {
            if ((" " + EntityName.Of(sentence).Normalised + " ").Contains(" " + wanted + " ", StringComparison.Ordinal))
            {
                return sentence;
            }
        }

        return null;
    }

    private static void Add(List<string> sentences, string sentence)
    {
        var trimmed = sentence.Trim();
        if (trimmed.Length > 0)
        {
            sentences.Add(trimmed);
        }
    }

    // "Alan B. Shepard" does not end a sentence at "B.".
    private static bool EndsWithInitial(string text, int period)
        => text[period] == '.' && period >= 1 && char.IsUpper(text[period - 1]) && (period == 1 || !char.IsLetter(text[period - 2]));
}
