using System.Globalization;
using EdcKg.Core;

namespace EdcKg.Cli.Models;

/// <summary>
/// A default model is not in the models folder and cannot be downloaded now (offline, download forbidden or
/// failed); the message names the model, its size, its URL and the command that downloads it.
/// </summary>
public sealed class MissingModelException(string message, Exception? innerException = null) : EdcKgUserException(message, innerException)
{
    /// <summary>The message for <paramref name="model"/>, missing from <paramref name="directory"/> because of <paramref name="reason"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="directory">The models folder.</param>
    /// <param name="reason">Why it is not there now, e.g. "downloads are off (--no-download)".</param>
    /// <param name="catalogFile">The catalogue file when it is not the shipped one (the command must name it too).</param>
    public static string Describe(CatalogModel model, string directory, string reason, string? catalogFile)
    {
        var catalog = catalogFile is null ? string.Empty : $" --catalog {Quoted(catalogFile)}";
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"the default model {model.Name} ({model.TotalSize / 1048576.0:F1} MiB, {model.TotalSize} bytes) is not in {directory}, and {reason}."),
        };
        lines.AddRange(model.Files.Select(f => $"  URL: {f.Url}"));
        lines.Add($"  Download it with:  ./edckg models download {model.Name} --dir {Quoted(directory)}{catalog}");
        lines.Add($"  (offline: run that on a machine with internet and copy the file{(model.Files.Count > 1 ? "s" : string.Empty)} to {ModelStore.PathOf(model, directory)}), or name a model with {model.Option}.");
        return string.Join(Environment.NewLine, lines);
    }

    private static string Quoted(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"'{path}'" : path;
}
