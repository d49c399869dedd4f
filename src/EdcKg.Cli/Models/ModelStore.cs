namespace EdcKg.Cli.Models;

/// <summary>
/// The folder of downloaded models (<c>--models-dir</c>, else <c>EDCKG_MODELS_DIR</c>, else <c>~/.cache/edckg/models</c>)
/// and where a catalogue model lies in it: a single-file model as its file, a multi-file model as its folder.
/// </summary>
public static class ModelStore
{
    /// <summary>The environment variable naming the models folder.</summary>
    public const string DirectoryVariable = "EDCKG_MODELS_DIR";

    /// <summary>The models folder: <paramref name="option"/> when given, else the environment's, else the user's cache.</summary>
    public static string DirectoryOf(string? option)
    {
        if (!string.IsNullOrEmpty(option))
        {
            return Path.GetFullPath(option);
        }

        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } variable)
        {
            return Path.GetFullPath(variable);
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "edckg", "models");
    }

    /// <summary>The folder <paramref name="model"/>'s files go into under <paramref name="directory"/>.</summary>
    public static string FolderOf(CatalogModel model, string directory)
        => string.IsNullOrEmpty(model.Folder) ? directory : Path.Combine(directory, model.Folder);

    /// <summary>What a command is given to use <paramref name="model"/>: its file for a single-file model, else its folder.</summary>
    public static string PathOf(CatalogModel model, string directory)
        => model.Files.Count == 1 && string.IsNullOrEmpty(model.Folder) ? Path.Combine(directory, model.Files[0].Name) : FolderOf(model, directory);

    /// <summary>
    /// Whether every file of <paramref name="model"/> is in <paramref name="directory"/> with the catalogue's size (the
    /// SHA-256 was checked when it was downloaded; hashing gigabytes on every run would cost seconds).
    /// </summary>
    public static bool Has(CatalogModel model, string directory)
        => model.Files.All(f => new FileInfo(Path.Combine(FolderOf(model, directory), f.Name)) is { Exists: true } file && file.Length == f.Size);
}
