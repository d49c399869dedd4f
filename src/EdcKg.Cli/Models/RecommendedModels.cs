using System.Text.Json;
using EdcKg.Core.Inputs;
using System.Text.RegularExpressions;

namespace EdcKg.Cli.Models;

/// <summary>The recommended models, read from a JSON file shipped beside the CLI so it can be updated without a rebuild.</summary>
public sealed partial class RecommendedModels
{
    /// <summary>The catalogue's file name beside the CLI.</summary>
    public const string FileName = "models.json";

    private RecommendedModels(IReadOnlyList<CatalogModel> models) => Models = models;

    /// <summary>The models in catalogue order.</summary>
    public IReadOnlyList<CatalogModel> Models { get; }

    /// <summary>The catalogue shipped with the CLI.</summary>
    public static RecommendedModels LoadDefault() => Load(Path.Combine(AppContext.BaseDirectory, FileName));

    /// <summary>Reads and checks a catalogue file.</summary>
    /// <exception cref="InputException">The file is missing, not JSON, or an entry lacks a field; the message names the file and entry.</exception>
    public static RecommendedModels Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{path}: the model catalogue does not exist.");
        }

        CatalogDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<CatalogDocument>(File.ReadAllText(path));
        }
        catch (JsonException exception)
        {
            throw new InputException($"{path}: line {(exception.LineNumber ?? 0) + 1}: not a valid model catalogue ({exception.Message}).");
        }

        var models = document?.Models ?? throw new InputException($"{path}: no \"models\" array.");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in models)
        {
            Check(path, model, names);
        }

        foreach (var role in new[] { CatalogModel.DefaultLlm, CatalogModel.DefaultEmbedder })
        {
            if (models.Count(m => m.DefaultFor == role) > 1)
            {
                throw new InputException($"{path}: more than one model has \"default_for\": \"{role}\".");
            }
        }

        return new RecommendedModels(models);
    }

    /// <summary>The model runs use for LLM roles (<see cref="CatalogModel.DefaultLlm"/>) or embedder roles when they name none, or null.</summary>
    public CatalogModel? DefaultFor(string use) => Models.FirstOrDefault(m => m.DefaultFor == use);

    /// <summary>The model of a name (case-insensitive), or null.</summary>
    public CatalogModel? Find(string name) => Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    private static void Check(string path, CatalogModel model, HashSet<string> names)
    {
        if (string.IsNullOrWhiteSpace(model?.Name))
        {
            throw new InputException($"{path}: a model has no \"name\".");
        }

        if (!names.Add(model.Name))
        {
            throw new InputException($"{path}: model '{model.Name}' is listed twice.");
        }

        if (model.DefaultFor is not (null or CatalogModel.DefaultLlm or CatalogModel.DefaultEmbedder))
        {
            throw new InputException($"{path}: model '{model.Name}': \"default_for\" must be \"{CatalogModel.DefaultLlm}\" or \"{CatalogModel.DefaultEmbedder}\".");
        }

        if (model.Files is null || model.Files.Count == 0)
        {
            throw new InputException($"{path}: model '{model.Name}' has no files.");
        }

        foreach (var file in model.Files)
        {
            var where = $"{path}: model '{model.Name}', file '{file?.Name}'";
            if (file is null || string.IsNullOrWhiteSpace(file.Name) || file.Name.Contains('/') || file.Name.Contains('\\') || file.Name.StartsWith('.'))
            {
                throw new InputException($"{where}: the file name must be a plain name.");
            }

            if (file.Size <= 0)
            {
                throw new InputException($"{where}: \"size\" must be a positive number of bytes.");
            }

            if (file.Sha256 is null || !Sha256Pattern().IsMatch(file.Sha256))
            {
                throw new InputException($"{where}: \"sha256\" must be 64 lower-case hex digits.");
            }

            if (!Uri.TryCreate(file.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            {
                throw new InputException($"{where}: \"url\" must be an http(s) address.");
            }
        }
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();

    private sealed record CatalogDocument([property: System.Text.Json.Serialization.JsonPropertyName("models")] List<CatalogModel>? Models);
}
