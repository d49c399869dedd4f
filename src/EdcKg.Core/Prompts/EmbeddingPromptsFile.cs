using System.Text.Json;

namespace EdcKg.Core.Prompts;

/// <summary>
/// Reads the prompts of a sentence-transformers model folder (<c>config_sentence_transformers.json</c>: every entry of
/// <c>prompts</c> and the <c>default_prompt_name</c>), for ONNX exports and for a GGUF that sits in the folder of its
/// original model.
/// </summary>
public static class EmbeddingPromptsFile
{
    /// <summary>The file's name.</summary>
    public const string FileName = "config_sentence_transformers.json";

    /// <summary>The prompts in <paramref name="folder"/>'s file; <see cref="EmbeddingPrompts.None"/> when there is none.</summary>
    /// <exception cref="InvalidDataException">The file is not valid JSON; the message names it.</exception>
    public static EmbeddingPrompts Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return EmbeddingPrompts.None;
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }

        var prompts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("prompts", out var table) && table.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in table.EnumerateObject().Where(e => e.Value.ValueKind == JsonValueKind.String))
            {
                prompts[entry.Name] = entry.Value.GetString()!;
            }
        }

        var defaultName = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("default_prompt_name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()
            : null;
        return EmbeddingPrompts.FromModel(prompts, defaultName);
    }
}
