using System.Text;

namespace EdcKg.Core.Chunking;

/// <summary>
/// Finds where a chunk mentions an entity, so a triple points at the words it came from. Mentions are whole-word
/// matches, compared case-insensitively first, then with runs of white space and underscores read as one space (an
/// LLM writes <c>Alan_Shepard</c> for "Alan Shepard"); a triple's subject and object are the pair of mentions closest
/// together. No match gives null: a span is never guessed.
/// </summary>
public static class MentionFinder
{
    /// <summary>The span of <paramref name="mention"/> in <paramref name="chunk"/>, in code points of the document's text, or null.</summary>
    public static SourceSpan? Find(Chunk chunk, string mention)
        => ToSpan(chunk, FindInText(chunk.Text, mention));

    /// <summary>
    /// The spans of a triple's subject and object in <paramref name="chunk"/>: of all their mentions, the two that
    /// stand closest together (the statement the triple was read from, rather than the first time a name appears);
    /// either is null when the chunk holds no mention of it.
    /// </summary>
    public static (SourceSpan? Subject, SourceSpan? Object) FindPair(Chunk chunk, string subject, string @object)
    {
        var subjects = FindAllInText(chunk.Text, subject);
        var objects = FindAllInText(chunk.Text, @object);
        (int Start, int End)? bestSubject = subjects.Count > 0 ? subjects[0] : null;
        (int Start, int End)? bestObject = objects.Count > 0 ? objects[0] : null;
        var bestGap = int.MaxValue;
        foreach (var s in subjects)
        {
            foreach (var o in objects)
            {
                // Overlapping mentions (a subject inside its object's name) are not a pair.
                var gap = s.End <= o.Start ? o.Start - s.End : o.End <= s.Start ? s.Start - o.End : int.MaxValue - 1;
                if (gap < bestGap)
                {
                    (bestGap, bestSubject, bestObject) = (gap, s, o);
                }
            }
        }

        return (ToSpan(chunk, bestSubject), ToSpan(chunk, bestObject));
    }

    /// <summary>The UTF-16 range of the first mention of <paramref name="mention"/> in <paramref name="text"/>, or null.</summary>
    public static (int Start, int End)? FindInText(string text, string mention)
        => FindAllInText(text, mention) is [var first, ..] ? first : null;

    /// <summary>
    /// The UTF-16 ranges of every whole-word mention of <paramref name="mention"/> in <paramref name="text"/>, in text
    /// order: those equal but for case, or when there are none, those equal once white space and underscores are
    /// normalised.
    /// </summary>
    public static IReadOnlyList<(int Start, int End)> FindAllInText(string text, string mention)
    {
        var found = new List<(int Start, int End)>();
        var needle = mention.Trim();
        if (needle.Length == 0)
        {
            return found;
        }

        for (var at = text.IndexOf(needle, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(needle, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (WholeWords(text, at, at + needle.Length))
            {
                found.Add((at, at + needle.Length));
            }
        }

        if (found.Count > 0)
        {
            return found;
        }

        var (normalText, map) = Normalize(text);
        var normalNeedle = Normalize(needle).Text.Trim();
        if (normalNeedle.Length == 0)
        {
            return found;
        }

        for (var at = normalText.IndexOf(normalNeedle, StringComparison.Ordinal); at >= 0; at = normalText.IndexOf(normalNeedle, at + 1, StringComparison.Ordinal))
        {
            var start = map[at];
            var end = map[at + normalNeedle.Length - 1] + 1;
            if (char.IsHighSurrogate(text[end - 1]) && end < text.Length)
            {
                end++;
            }

            if (WholeWords(text, start, end))
            {
                found.Add((start, end));
            }
        }

        return found;
    }

    private static SourceSpan? ToSpan(Chunk chunk, (int Start, int End)? range)
    {
        if (range is not { } r)
        {
            return null;
        }

        var start = chunk.Start + CodePoints.Offset(chunk.Text, r.Start);
        return new SourceSpan(start, start + CodePoints.Length(chunk.Text.AsSpan(r.Start, r.End - r.Start)));
    }

    // A match must not start or end inside a word: "Art" is not a mention in "start".
    private static bool WholeWords(string text, int start, int end)
    {
        var startsWord = char.IsLetterOrDigit(text, start);
        if (startsWord && start > 0 && IsWordChar(text, start - 1))
        {
            return false;
        }

        var lastStart = end >= 2 && char.IsLowSurrogate(text[end - 1]) ? end - 2 : end - 1;
        var endsWord = char.IsLetterOrDigit(text, lastStart);
        return !(endsWord && end < text.Length && char.IsLetterOrDigit(text, end));
    }

    private static bool IsWordChar(string text, int index)
    {
        if (char.IsLowSurrogate(text[index]) && index > 0 && char.IsHighSurrogate(text[index - 1]))
        {
            index--;
        }

        return char.IsLetterOrDigit(text, index);
    }

    // Lower case, white space and underscores as single spaces; map[i] is the offset in the original of character i.
    private static (string Text, int[] Map) Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var map = new List<int>(text.Length);
        var inSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c == '_')
            {
                if (!inSpace)
                {
                    builder.Append(' ');
                    map.Add(i);
                    inSpace = true;
                }

                continue;
            }

            inSpace = false;
            builder.Append(char.ToLowerInvariant(c));
            map.Add(i);
        }

        return (builder.ToString(), [.. map]);
    }
}
