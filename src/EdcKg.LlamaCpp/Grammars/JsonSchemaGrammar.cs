using System.Text;
using System.Text.Json;

namespace EdcKg.LlamaCpp.Grammars;

/// <summary>
/// Turns a JSON schema (the subset chat response formats use) into a GBNF grammar: objects with properties in
/// declared order, arrays with min/max items, strings, numbers, integers, booleans, null, enum and const.
/// Optional properties are left out of the answer unless no property is required, so every output validates.
/// </summary>
public static class JsonSchemaGrammar
{
    private const string Primitives =
        "ws ::= [ ]?\n"
        + "string ::= \"\\\"\" char* \"\\\"\"\n"
        + "char ::= [^\"\\\\\\x00-\\x1f] | \"\\\\\" [\"\\\\/bfnrt]\n"
        + "integer ::= \"-\"? ( \"0\" | [1-9] [0-9]{0,15} )\n"
        + "number ::= integer ( \".\" [0-9]{1,16} )? ( [eE] [-+]? [0-9]{1,3} )?\n"
        + "boolean ::= \"true\" | \"false\"\n"
        + "null ::= \"null\"\n"
        + "value ::= object | array | string | number | boolean | null\n"
        + "object ::= \"{\" ws ( string \":\" ws value ( \",\" ws string \":\" ws value )* )? ws \"}\"\n"
        + "array ::= \"[\" ws ( value ( \",\" ws value )* )? ws \"]\"\n";

    /// <summary>A grammar for any JSON value (a response format of JSON without a schema).</summary>
    public static string AnyJson() => "root ::= object\n" + Primitives;

    /// <summary>The grammar for <paramref name="schema"/>.</summary>
    /// <exception cref="NotSupportedException">The schema uses a construct the converter does not handle (it names it).</exception>
    public static string For(JsonElement schema)
    {
        var rules = new StringBuilder();
        var counter = 0;
        var root = Rule(schema, rules, ref counter, "$");
        return $"root ::= {root}\n" + rules + Primitives;
    }

    private static string Rule(JsonElement schema, StringBuilder rules, ref int counter, string path)
    {
        if (schema.ValueKind == JsonValueKind.True || (schema.ValueKind == JsonValueKind.Object && !schema.EnumerateObject().Any()))
        {
            return "value";
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new NotSupportedException($"The JSON schema at {path} is not an object.");
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return Gbnf.Literal(constant.GetRawText());
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            return "( " + string.Join(" | ", values.EnumerateArray().Select(v => Gbnf.Literal(v.GetRawText()))) + " )";
        }

        foreach (var combinator in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(combinator, out var options))
            {
                var alternatives = new List<string>();
                var index = 0;
                foreach (var option in options.EnumerateArray())
                {
                    alternatives.Add(Rule(option, rules, ref counter, $"{path}.{combinator}[{index++}]"));
                }

                return "( " + string.Join(" | ", alternatives) + " )";
            }
        }

        var type = schema.TryGetProperty("type", out var typeElement) ? typeElement : default;
        if (type.ValueKind == JsonValueKind.Array)
        {
            var alternatives = type.EnumerateArray().Select(t => Primitive(t.GetString(), path)).ToList();
            return "( " + string.Join(" | ", alternatives) + " )";
        }

        var typeName = type.ValueKind == JsonValueKind.String ? type.GetString()
            : schema.TryGetProperty("properties", out _) ? "object" : null;
        switch (typeName)
        {
            case "object":
                return ObjectRule(schema, rules, ref counter, path);
            case "array":
                var item = schema.TryGetProperty("items", out var items) ? Rule(items, rules, ref counter, path + "[]") : "value";
                var min = schema.TryGetProperty("minItems", out var minItems) ? minItems.GetInt32() : 0;
                var max = schema.TryGetProperty("maxItems", out var maxItems) ? maxItems.GetInt32() : -1;
                var name = $"r{counter++}";
                rules.Append($"{name} ::= {item}\n");
                // Without maxItems the list is open-ended; with it the grammar bounds it.
                var upper = max < 0 ? string.Empty : (max - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var body = max == 0 ? string.Empty
                    : min == 0 ? $"( {name} ( \",\" ws {name} ){{0,{upper}}} )?"
                    : $"{name} ( \",\" ws {name} ){{{min - 1},{upper}}}";
                return $"\"[\" ws {body} ws \"]\"";
            case "string" when schema.TryGetProperty("maxLength", out var maxLength):
                var minLength = schema.TryGetProperty("minLength", out var minimum) ? minimum.GetInt32() : 0;
                return $"\"\\\"\" char{{{minLength},{maxLength.GetInt32()}}} \"\\\"\"";
            default:
                return Primitive(typeName, path);
        }
    }

    private static string Primitive(string? type, string path) => type switch
    {
        "string" => "string",
        "integer" => "integer",
        "number" => "number",
        "boolean" => "boolean",
        "null" => "null",
        "object" => "object",
        "array" => "array",
        null => "value",
        _ => throw new NotSupportedException($"The JSON schema type '{type}' at {path} is not supported."),
    };

    private static string ObjectRule(JsonElement schema, StringBuilder rules, ref int counter, string path)
    {
        if (!schema.TryGetProperty("properties", out var properties))
        {
            return "object";
        }

        var required = schema.TryGetProperty("required", out var list)
            ? list.EnumerateArray().Select(e => e.GetString()).ToHashSet()
            : [];
        var members = properties.EnumerateObject().Where(p => required.Count == 0 || required.Contains(p.Name)).ToList();
        var parts = new List<string>();
        foreach (var member in members)
        {
            var valueRule = Rule(member.Value, rules, ref counter, $"{path}.{member.Name}");
            parts.Add($"{Gbnf.Literal(JsonSerializer.Serialize(member.Name) + ":")} ws {valueRule}");
        }

        return "\"{\" ws " + string.Join(" \",\" ws ", parts) + " ws \"}\"";
    }
}
