using System.Text.RegularExpressions;

namespace EdcKg.Core.Usage;

/// <summary>
/// The name usage reports show for a model: its file or folder name without the size and modification time that
/// its identity adds (so a replaced file is not mistaken for the old one), and a short mark of its prompts.
/// </summary>
public static partial class ModelLabel
{
    /// <summary>The label of the model whose identity is <paramref name="identity"/>; other names are kept as they are.</summary>
    public static string Of(string identity)
    {
        var match = FileIdentity().Match(identity);
        if (!match.Success)
        {
            return identity;
        }

        var name = match.Groups["name"].Value;
        return match.Groups["prompts"].Success ? $"{name} (prompts {match.Groups["prompts"].Value[..8]})" : name;
    }

    // name:size:ticks, optionally followed by |prompts:HASH (see Models.ModelIdentity).
    [GeneratedRegex(@"^(?<name>.+?):\d+:\d+(\|prompts:(?<prompts>[0-9a-f]{8,}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex FileIdentity();
}
