using System.Globalization;
using System.Text;

namespace EdcKg.Core.Outputs;

/// <summary>
/// Writes JSON byte for byte as Python's <c>json.dump(obj, f, indent=4)</c> does (ASCII only, non-ASCII as
/// <c>\uXXXX</c>), so that our <c>result_at_each_stage.json</c> matches EDC's files. Values are null, strings,
/// integers, lists (<see cref="IEnumerable{T}"/> of values) and ordered objects (lists of key/value pairs).
/// </summary>
public static class PythonJsonWriter
{
    /// <summary>An ordered JSON object.</summary>
    public sealed class JsonObject : List<KeyValuePair<string, object?>>
    {
        /// <summary>Adds a member.</summary>
        public void Add(string key, object? value) => Add(new KeyValuePair<string, object?>(key, value));
    }

    /// <summary>Serialises <paramref name="value"/>.</summary>
    public static string Serialize(object? value)
    {
        var builder = new StringBuilder();
        Write(builder, value, 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value, int depth)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case string s:
                WriteString(builder, s);
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case int or long:
                builder.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case float f:
                builder.Append(f.ToString("R", CultureInfo.InvariantCulture));
                break;
            case JsonObject obj:
                WriteContainer(builder, '{', '}', obj, depth, (b, member, d) =>
                {
                    WriteString(b, member.Key);
                    b.Append(": ");
                    Write(b, member.Value, d);
                });
                break;
            case System.Collections.IEnumerable list:
                WriteContainer(builder, '[', ']', list.Cast<object?>(), depth, (b, item, d) => Write(b, item, d));
                break;
            default:
                throw new ArgumentException($"Cannot write a {value.GetType().Name} as JSON.", nameof(value));
        }
    }

    private static void WriteContainer<T>(StringBuilder builder, char open, char close, IEnumerable<T> items, int depth, Action<StringBuilder, T, int> writeItem)
    {
        var first = true;
        foreach (var item in items)
        {
            builder.Append(first ? open : ',').Append('\n').Append(' ', (depth + 1) * 4);
            first = false;
            writeItem(builder, item, depth + 1);
        }

        if (first)
        {
            builder.Append(open).Append(close);
            return;
        }

        builder.Append('\n').Append(' ', depth * 4).Append(close);
    }

    private static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
