namespace EdcKg.Core.Parsing;

/// <summary>
/// Reads a list of entity names from an LLM answer: the first bracketed Python list of strings, as EDC reads it,
/// and otherwise a comma-separated list inside the first brackets. Empty names and duplicates are dropped.
/// </summary>
public static class EntityListParser
{
    /// <summary>Parses <paramref name="answer"/>; an answer without a list gives an empty list.</summary>
    public static IReadOnlyList<string> Parse(string answer)
    {
        var start = answer.IndexOf('[', StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = FindClose(answer, start);
            if (end < 0)
            {
                break;
            }

            var fragment = answer[start..(end + 1)];
            if (PythonLiteralParser.TryParse(fragment, out var value, out _) && value is PyValue.Sequence list)
            {
                return Distinct(list.Items.Select(item => item switch
                {
                    PyValue.Str s => s.Value,
                    PyValue.Int i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    PyValue.Float f => f.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                    _ => string.Empty,
                }));
            }

            if (!fragment[1..^1].Contains('[') && !fragment.Contains('\'') && !fragment.Contains('"'))
            {
                return Distinct(fragment[1..^1].Split(',').Select(s => s.Trim()));
            }

            start = answer.IndexOf('[', start + 1);
        }

        return [];
    }

    private static int FindClose(string text, int start)
    {
        var level = 0;
        char? quote = null;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = null;
                }

                continue;
            }

            if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '[')
            {
                level++;
            }
            else if (c == ']' && --level == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static IReadOnlyList<string> Distinct(IEnumerable<string> names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return names.Select(n => n.Trim()).Where(n => n.Length > 0 && seen.Add(n)).ToList();
    }
}
