using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdcKg.Core.Pipeline;

/// <summary>How stage outputs are stored in the run store: JSON with enum names.</summary>
internal static class StagePayload
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string payload) => JsonSerializer.Deserialize<T>(payload, Options)
        ?? throw new InvalidDataException("A stored stage output is empty.");
}
