namespace EdcKg.Core.Chunking;

/// <summary>
/// Finds paragraphs (separated by an empty line) and sentences in plain text, by rule: a sentence ends at <c>.</c>,
/// <c>!</c>, <c>?</c> or <c>…</c> (with closing quotes and brackets) followed by white space and a word that does not
/// start in lower case, unless the full stop ends a common abbreviation or an initial (<c>Dr.</c>, <c>e.g.</c>,
/// <c>J.</c>); at <c>。！？</c> it ends without white space. Ranges are UTF-16 offsets, trimmed of white space.
/// </summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "vs", "etc", "e.g", "i.e", "cf", "al", "inc", "ltd",
        "co", "corp", "no", "nos", "fig", "figs", "vol", "vols", "pp", "p", "ed", "eds", "approx", "dept", "est", "gen", "gov",
        "rev", "sgt", "capt", "col", "lt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "u.s", "u.k", "a.m", "p.m", "ph.d", "b.a", "m.a", "b.sc", "m.sc", "ca", "op", "resp", "sec", "ch", "art",
    };

    /// <summary>The paragraphs of <paramref name="text"/>: runs of text between lines that hold only white space.</summary>
    public static IReadOnlyList<Range> Paragraphs(string text)
    {
        var paragraphs = new List<Range>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] != '\n')
            {
                i++;
                continue;
            }

            // A line break followed only by spaces and another line break is an empty line.
            var j = i + 1;
            while (j < text.Length && text[j] is ' ' or '\t' or '\r')
            {
                j++;
            }

            if (j < text.Length && text[j] == '\n')
            {
                AddTrimmed(text, start, i, paragraphs);
                while (j < text.Length && char.IsWhiteSpace(text[j]))
                {
                    j++;
                }

                start = j;
                i = j;
                continue;
            }

            i++;
        }

        AddTrimmed(text, start, text.Length, paragraphs);
        return paragraphs;
    }

    /// <summary>The sentences of <paramref name="text"/> within <paramref name="range"/>.</summary>
    public static IReadOnlyList<Range> Sentences(string text, Range range)
    {
        var (from, length) = range.GetOffsetAndLength(text.Length);
        var end = from + length;
        var sentences = new List<Range>();
        var start = from;
        var i = from;
        while (i < end)
        {
            var c = text[i];
            if (c is '。' or '！' or '？')
            {
                var stop = SkipClosers(text, i + 1, end);
                AddTrimmed(text, start, stop, sentences);
                start = stop;
                i = stop;
                continue;
            }

            if (c is not ('.' or '!' or '?' or '…'))
            {
                i++;
                continue;
            }

            var after = i + 1;
            while (after < end && text[after] is '.' or '!' or '?' or '…')
            {
                after++;
            }

            after = SkipClosers(text, after, end);
            if (after >= end)
            {
                break;
            }

            if (!char.IsWhiteSpace(text[after]))
            {
                i = after;
                continue;
            }

            var next = after;
            while (next < end && char.IsWhiteSpace(text[next]))
            {
                next++;
            }

            if (next < end && (char.IsLower(text[next]) || (c == '.' && after == i + 1 && EndsAbbreviation(text, start, i))))
            {
                i = next;
                continue;
            }

            AddTrimmed(text, start, after, sentences);
            start = next;
            i = next;
        }

        AddTrimmed(text, start, end, sentences);
        return sentences;
    }

    private static int SkipClosers(string text, int i, int end)
    {
        while (i < end && text[i] is '"' or '\'' or ')' or ']' or '}' or '”' or '’' or '»' or '」' or '』' or '）')
        {
            i++;
        }

        return i;
    }

    // The word before the full stop at 'dot': an initial (one letter) or a listed abbreviation does not end a sentence.
    private static bool EndsAbbreviation(string text, int sentenceStart, int dot)
    {
        var wordStart = dot;
        while (wordStart > sentenceStart && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = text.AsSpan(wordStart, dot - wordStart);
        if (word.Length == 0)
        {
            return false;
        }

        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return true;
        }

        var lookup = Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.Contains(word);
    }

    private static void AddTrimmed(string text, int start, int end, List<Range> ranges)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            ranges.Add(start..end);
        }
    }
}
