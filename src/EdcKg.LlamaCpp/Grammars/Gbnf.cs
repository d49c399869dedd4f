using System.Text;

namespace EdcKg.LlamaCpp.Grammars;

/// <summary>Small pieces of GBNF syntax shared by the grammar builders.</summary>
internal static class Gbnf
{
    /// <summary>A GBNF string literal for <paramref name="text"/>.</summary>
    public static string Literal(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    /// <summary>
    /// A Python string literal of 1..<paramref name="maxLength"/> characters: single-quoted, or double-quoted when
    /// the text holds an apostrophe (as Python's repr writes it).
    /// </summary>
    public static string PythonStringRule(int maxLength) =>
        $"\"'\" [^'\\\\\\n\\r]{{1,{maxLength}}} \"'\" | \"\\\"\" [^\"\\\\\\n\\r]{{1,{maxLength}}} \"\\\"\"";

    /// <summary>A list literal of <paramref name="minItems"/>..<paramref name="maxItems"/> items of <paramref name="item"/>.</summary>
    public static string ListRule(string item, int maxItems, int minItems = 0)
    {
        var max = Math.Max(1, maxItems);
        if (minItems <= 0)
        {
            return $"\"[\" ( {item} ( \", \" {item} ){{0,{max - 1}}} )? \"]\"";
        }

        var min = Math.Min(minItems, max);
        return $"\"[\" {item} ( \", \" {item} ){{{min - 1},{max - 1}}} \"]\"";
    }
}
