using System.Globalization;
using System.Text;

namespace EdcKg.Neo4j.Export;

/// <summary>Cypher literals for values of the graph model, for scripts that cannot pass parameters.</summary>
public static class CypherLiteral
{
    /// <summary>
    /// A single-quoted string literal on one line: backslash, quotes and control characters escaped, and the
    /// semicolon too, so that no tool splitting a script at semicolons can cut a statement inside a string.
    /// </summary>
    public static string String(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '\'': builder.Append(@"\'"); break;
                case '"': builder.Append("\\\""); break;
                case '\n': builder.Append(@"\n"); break;
                case '\r': builder.Append(@"\r"); break;
                case '\t': builder.Append(@"\t"); break;
                case ';': builder.Append(@"\u003B"); break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('\'').ToString();
    }

    /// <summary>A literal for a parameter value: string, integer, float (always with a decimal point), boolean, null, or a list of those.</summary>
    public static string Value(object? value) => value switch
    {
        null => "null",
        string s => String(s),
        IEnumerable<string> strings => "[" + string.Join(", ", strings.Select(String)) + "]",
        IEnumerable<int> numbers => "[" + string.Join(", ", numbers.Select(n => n.ToString(CultureInfo.InvariantCulture))) + "]",
        bool b => b ? "true" : "false",
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        float f => Float(f),
        double d => Float(d),
        _ => throw new ArgumentException($"No Cypher literal for a {value.GetType().Name}.", nameof(value)),
    };

    /// <summary>A map literal <c>{key: value, …}</c> (keys of the graph model are plain identifiers).</summary>
    public static string Map(IReadOnlyDictionary<string, object?> map) =>
        "{" + string.Join(", ", map.Select(p => $"{p.Key}: {Value(p.Value)}")) + "}";

    private static string Float(double value)
    {
        if (!double.IsFinite(value))
        {
            return "null";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static string Float(float value) =>
        float.IsFinite(value) ? Float(double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)) : "null";
}
