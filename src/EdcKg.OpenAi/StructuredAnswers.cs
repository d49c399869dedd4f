using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdcKg.Core.Parsing;
using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;

namespace EdcKg.OpenAi;

/// <summary>
/// Structured output for servers that honour a JSON schema (<c>response_format</c>): each <see cref="OutputShape"/>
/// becomes a schema (an object, as OpenAI's strict mode requires), and the JSON answer is written back into the text
/// form EDC's parsers read, so the stages do not know which way the answer came.
/// </summary>
public static class StructuredAnswers
{
    /// <summary>The response format that asks for <paramref name="shape"/>.</summary>
    public static ChatResponseFormatJson FormatOf(OutputShape shape)
    {
        JsonObject Strings() => new() { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } };
        var (name, property, value) = shape switch
        {
            TripleListShape => ("triples", "triples", (JsonNode)new JsonObject
            {
                ["type"] = "array",
                ["items"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" }, ["minItems"] = 3, ["maxItems"] = 3 },
            }),
            EntityListShape => ("entities", "entities", Strings()),
            ChoiceShape choice => ("choice", "choice", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(choice.Letters.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()) }),
            RelationDefinitionsShape definitions => ("definitions", "definitions", new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject(definitions.Relations.Distinct().Select(r => KeyValuePair.Create(r, (JsonNode?)new JsonObject { ["type"] = "string" }))),
                ["required"] = new JsonArray(definitions.Relations.Distinct().Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()),
                ["additionalProperties"] = false,
            }),
            _ => throw new ArgumentException($"No JSON schema for {shape.GetType().Name}.", nameof(shape)),
        };
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { [property] = value },
            ["required"] = new JsonArray(JsonValue.Create(property)),
            ["additionalProperties"] = false,
        };
        return ChatResponseFormat.ForJsonSchema(JsonSerializer.SerializeToElement(schema), name);
    }

    /// <summary>The text form of a JSON <paramref name="answer"/> to <paramref name="shape"/>; the answer as is when it does not fit.</summary>
    public static string ToText(OutputShape shape, string answer)
    {
        try
        {
            var root = JsonNode.Parse(answer)?.AsObject();
            return shape switch
            {
                TripleListShape => PythonRepr.OfNestedList(root!["triples"]!.AsArray().Select(t => t!.AsArray().Select(s => s!.GetValue<string>()))),
                EntityListShape => PythonRepr.OfList(root!["entities"]!.AsArray().Select(s => s!.GetValue<string>())),
                ChoiceShape => root!["choice"]!.GetValue<string>(),
                RelationDefinitionsShape => string.Concat(root!["definitions"]!.AsObject().Select(p => $"{p.Key}: {p.Value!.GetValue<string>()}\n")),
                _ => answer,
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            // A server that ignored the schema answered in text: the parsers read that as usual.
            return answer;
        }
    }
}
