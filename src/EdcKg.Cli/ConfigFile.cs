using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace EdcKg.Cli;

/// <summary>
/// Defaults from a JSON file (<c>--config FILE</c>, else <c>edckg.json</c> in the working folder): one object per
/// command with option names as keys, for example <c>{"run": {"oie-llm": "models/m.gguf", "parallelism": 32}}</c>.
/// Options given on the command line win; a key that is no option of its command is an error naming the file.
/// </summary>
public static class ConfigFile
{
    /// <summary>The file looked for in the working folder.</summary>
    public const string DefaultName = "edckg.json";

    /// <summary>Returns <paramref name="args"/> with the configured defaults of the invoked command appended.</summary>
    public static string[] Apply(string[] args, RootCommand root)
    {
        var list = args.ToList();
        string? path = null;
        var at = list.IndexOf("--config");
        if (at >= 0)
        {
            if (at + 1 >= list.Count)
            {
                throw new ConfigFileException("--config needs a file path.");
            }

            path = list[at + 1];
            list.RemoveRange(at, 2);
            if (!File.Exists(path))
            {
                throw new ConfigFileException($"{path}: configuration file not found (--config).");
            }
        }
        else if (File.Exists(DefaultName))
        {
            path = DefaultName;
        }

        if (path is null || list.Count == 0 || root.Subcommands.FirstOrDefault(c => c.Name == list[0]) is not { } command)
        {
            return [.. list];
        }

        JsonElement section;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!document.RootElement.TryGetProperty(command.Name, out var found))
            {
                return [.. list];
            }

            section = found.Clone();
        }
        catch (JsonException e)
        {
            throw new ConfigFileException($"{path}:{e.LineNumber + 1}: invalid JSON ({e.Message}).");
        }

        if (section.ValueKind != JsonValueKind.Object)
        {
            throw new ConfigFileException($"{path}: \"{command.Name}\" must be an object of option names and values.");
        }

        foreach (var property in section.EnumerateObject())
        {
            var name = "--" + property.Name.TrimStart('-');
            var option = command.Options.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name))
                ?? throw new ConfigFileException($"{path}: \"{property.Name}\" is not an option of '{command.Name}'.");
            if (list.Contains(option.Name) || option.Aliases.Any(list.Contains))
            {
                continue;
            }

            switch (property.Value.ValueKind)
            {
                case JsonValueKind.True:
                    list.Add(option.Name);
                    break;
                case JsonValueKind.False:
                case JsonValueKind.Null:
                    break;
                case JsonValueKind.String:
                    list.Add(option.Name);
                    list.Add(property.Value.GetString()!);
                    break;
                case JsonValueKind.Number:
                    list.Add(option.Name);
                    list.Add(property.Value.GetRawText());
                    break;
                case JsonValueKind.Array:
                    foreach (var item in property.Value.EnumerateArray())
                    {
                        list.Add(option.Name);
                        list.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText());
                    }

                    break;
                default:
                    throw new ConfigFileException($"{path}: the value of \"{property.Name}\" must be a string, number, boolean or list.");
            }
        }

        return [.. list];
    }
}
