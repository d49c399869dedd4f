using System.Globalization;
using System.Text;

namespace EdcKg.Core.Parsing;

/// <summary>
/// Writes strings and lists the way Python's <c>repr</c> does, so that files we write read like EDC's
/// (<c>str(list)</c>) and parse back with <c>ast.literal_eval</c>.
/// </summary>
public static class PythonRepr
{
    /// <summary><c>repr(s)</c> for a Python 3 str.</summary>
    public static string Of(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        Append(builder, value);
        return builder.ToString();
    }

    /// <summary><c>repr(list_of_str)</c>.</summary>
    public static string OfList(IEnumerable<string> items)
    {
        var builder = new StringBuilder();
        AppendList(builder, items);
        return builder.ToString();
    }

    /// <summary><c>repr(list_of_lists_of_str)</c>, such as a list of triples.</summary>
    public static string OfNestedList(IEnumerable<IEnumerable<string>> lists)
    {
        var builder = new StringBuilder("[");
        var first = true;
        foreach (var list in lists)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            AppendList(builder, list);
        }

        return builder.Append(']').ToString();
    }

    /// <summary>Appends <c>repr(list_of_str)</c>.</summary>
    public static void AppendList(StringBuilder builder, IEnumerable<string> items)
    {
        builder.Append('[');
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            Append(builder, item);
        }

        builder.Append(']');
    }

    /// <summary>Appends <c>repr(s)</c>.</summary>
    public static void Append(StringBuilder builder, string value)
    {
        // Python prefers single quotes and switches to double quotes only when the text has ' and no ".
        var quote = value.Contains('\'') && !value.Contains('"') ? '"' : '\'';
        builder.Append(quote);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': builder.Append("\\\\"); continue;
                case '\n': builder.Append("\\n"); continue;
                case '\r': builder.Append("\\r"); continue;
                case '\t': builder.Append("\\t"); continue;
            }

            if (c == quote)
            {
                builder.Append('\\').Append(c);
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, value[i + 1]);
                if (IsPrintable(codePoint))
                {
                    builder.Append(c).Append(value[i + 1]);
                }
                else
                {
                    builder.Append("\\U").Append(codePoint.ToString("x8", CultureInfo.InvariantCulture));
                }

                i++;
                continue;
            }

            if (IsPrintable(c))
            {
                builder.Append(c);
            }
            else if (c < 0x100)
            {
                builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        builder.Append(quote);
    }

    // Python's str.isprintable: everything but the categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs other than ' '.
    private static bool IsPrintable(int codePoint)
    {
        if (codePoint == ' ')
        {
            return true;
        }

        var category = codePoint <= char.MaxValue
            ? CharUnicodeInfo.GetUnicodeCategory((char)codePoint)
            : CharUnicodeInfo.GetUnicodeCategory(codePoint);
        return category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator);
    }
}
