using System.CommandLine;
using System.Reflection;
using System.Text.Json;

namespace EdcKg.Cli;

/// <summary>
/// Defaults from a JSON file (<c>--config FILE</c>, else <c>edckg.json</c> in the working folder): one object per
/// command with option names as keys, for example <c>{"run": {"oie-llm": "models/m.gguf", "parallelism": 32}}</c>;
/// a sub-command's key is its path, such as <c>"export neo4j"</c>. Each value becomes its option's default for this
/// invocation, checked by the option's own parser and validators, so options given on the command line win and every
/// command reads the file's values as it reads its options. A key that is no option of its command is an error naming
/// the file. A command with a <c>--config</c> option of its own (<c>experiment</c>) keeps it: the file is then only
/// <c>edckg.json</c>.
/// </summary>
public static class ConfigFile
{
    /// <summary>The file looked for in the working folder.</summary>
    public const string DefaultName = "edckg.json";

    /// <summary>The <c>--config</c> option of the commands that have none of their own.</summary>
    public sealed class FileOption : Option<string?>
    {
        /// <summary>Creates the option.</summary>
        public FileOption()
            : base("--config")
        {
            Description = $"JSON file of defaults for this command's options (default: {DefaultName} in the working folder, when there is one).";
        }
    }

    /// <summary>Adds a <see cref="FileOption"/> to every command under <paramref name="root"/> that has no <c>--config</c> of its own.</summary>
    public static void AddOptionTo(Command root)
    {
        foreach (var command in root.Subcommands)
        {
            if (!command.Options.Any(o => o.Name == "--config" || o.Aliases.Contains("--config")))
            {
                command.Options.Add(new FileOption());
            }

            AddOptionTo(command);
        }
    }

    /// <summary>
    /// Parses <paramref name="args"/> with the defaults of the configuration file (if any) for the invoked command.
    /// </summary>
    /// <exception cref="ConfigFileException">The file is missing, not JSON, or names an option wrongly; the message names the file.</exception>
    public static ParseResult Parse(RootCommand root, IReadOnlyList<string> args)
    {
        var first = root.Parse(args);
        var command = first.CommandResult.Command;
        if (ReferenceEquals(command, root))
        {
            return first;
        }

        string? path = null;
        if (command.Options.OfType<FileOption>().FirstOrDefault() is { } option && first.GetResult(option) is { Implicit: false })
        {
            path = first.GetValue(option);
            if (string.IsNullOrEmpty(path) || !File.Exists(path))
            {
                throw new ConfigFileException($"{path}: configuration file not found (--config).");
            }
        }
        else if (File.Exists(DefaultName))
        {
            path = DefaultName;
        }

        if (path is null || Section(path, KeyOf(command)) is not { } section)
        {
            return first;
        }

        foreach (var property in section.EnumerateObject())
        {
            var name = "--" + property.Name.TrimStart('-');
            var target = command.Options.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name))
                ?? throw new ConfigFileException($"{path}: \"{property.Name}\" is not an option of '{KeyOf(command)}'.");
            UseAsDefault(target, Tokens(path, property), path, property.Name);
        }

        // Parsed again: an option the file gives is no longer missing, and its value is the new default.
        return root.Parse(args);
    }

    /// <summary>The names from the root to <paramref name="command"/>, such as <c>export neo4j</c>: its key in the file.</summary>
    public static string KeyOf(Command command)
    {
        var names = new List<string>();
        for (Command? c = command; c is not null and not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, c.Name);
        }

        return string.Join(' ', names);
    }

    private static JsonElement? Section(string path, string key)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!document.RootElement.TryGetProperty(key, out var found))
            {
                return null;
            }

            if (found.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigFileException($"{path}: \"{key}\" must be an object of option names and values.");
            }

            return found.Clone();
        }
        catch (JsonException e)
        {
            throw new ConfigFileException($"{path}:{e.LineNumber + 1}: invalid JSON ({e.Message}).");
        }
    }

    // The value as the option's tokens on a command line, so the option's own parser reads it.
    private static List<string> Tokens(string path, JsonProperty property)
    {
        static string Text(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
        return property.Value.ValueKind switch
        {
            JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number or JsonValueKind.String => [Text(property.Value)],
            JsonValueKind.Array => [.. property.Value.EnumerateArray().Select(Text)],
            JsonValueKind.Null => [],
            _ => throw new ConfigFileException($"{path}: the value of \"{property.Name}\" must be a string, number, boolean or list."),
        };
    }

    private static void UseAsDefault(Option option, List<string> values, string path, string key)
    {
        if (values.Count == 0)
        {
            return;
        }

        // The value is read and checked by the option itself, on a command of its own, so a bad value is reported
        // like one on the command line, with the file's name.
        var probe = new Command("config");
        probe.Options.Add(option);
        var tokens = option.Arity.MaximumNumberOfValues > 1 ? values.SelectMany(v => new[] { option.Name, v }) : [option.Name, .. values];
        var parsed = probe.Parse([.. tokens]);
        probe.Options.Remove(option);
        if (parsed.Errors.Count > 0)
        {
            throw new ConfigFileException($"{path}: \"{key}\": {parsed.Errors[0].Message}");
        }

        var valueType = option.GetType();
        while (valueType is not null && !(valueType.IsGenericType && valueType.GetGenericTypeDefinition() == typeof(Option<>)))
        {
            valueType = valueType.BaseType;
        }

        // Option<T>.DefaultValueFactory is typed: set it through T, which only the option knows.
        typeof(ConfigFile).GetMethod(nameof(SetDefault), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(valueType!.GetGenericArguments()[0])
            .Invoke(null, [option, parsed]);
    }

    private static void SetDefault<T>(Option<T> option, ParseResult parsed)
    {
        var value = parsed.GetValue(option);
        option.DefaultValueFactory = _ => value!;
        option.Required = false;
    }
}
