using System.Text;

namespace EdcKg.Core.Chunking;

/// <summary>
/// Finds where a chunk mentions an entity, so a triple points at the words it came from. The first whole-word match
/// wins: compared case-insensitively first, then with runs of white space and underscores read as one space (an
/// LLM writes <c>Alan_Shepard</c> for "Alan Shepard"). No match gives null: a span is never guessed.
/// </summary>
public static class MentionFinder
{
    /// <summary>The span of <paramref name="mention"/> in <paramref name="chunk"/>, in code points of the document's text, or null.</summary>
    public static SourceSpan? Find(Chunk chunk, string mention)
    {
        var found = FindInText(chunk.Text, mention);
        if (found is not { } range)
        {
            return null;
        }

        var start = chunk.Start + CodePoints.Offset(chunk.Text, range.Start);
        return new SourceSpan(start, start + CodePoints.Length(chunk.Text.AsSpan(range.Start, range.End - range.Start)));
    }

    /// <summary>The UTF-16 range of <paramref name="mention"/> in <paramref name="text"/>, or null.</summary>
    public static (int Start, int End)? FindInText(string text, string mention)
    {
        var needle = mention.Trim();
        if (needle.Length == 0)
        {
            return null;
        }

        for (var at = text.IndexOf(needle, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(needle, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (WholeWords(text, at, at + needle.Length))
            {
                return (at, at + needle.Length);
            }
        }

        var (normalText, map) = Normalize(text);
        var normalNeedle = Normalize(needle).Text.Trim();
        if (normalNeedle.Length == 0)
        {
            return null;
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
                return (start, end);
            }
        }

        return null;
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
