using System.Text.Json.Serialization;

namespace EdcKg.Cli.Models;

/// <summary>A recommended model: what it is for, its files, and which option takes it.</summary>
/// <param name="Name">The short name that <c>edckg models download</c> takes.</param>
/// <param name="Role">What it does in EDC (instruct LLM, small LLM, embedder).</param>
/// <param name="Description">One line for people.</param>
/// <param name="Option">The run option that takes the downloaded model, such as <c>--oie-llm</c>.</param>
/// <param name="Folder">A sub-folder the files go into (for multi-file models such as an ONNX folder); empty for a single file.</param>
/// <param name="Source">Where the published size and hash were taken from.</param>
/// <param name="Files">The files to download.</param>
/// <param name="DefaultFor">
/// <c>llm</c> for the model every LLM role uses when a run names none, <c>embedder</c> for the embedder roles' default;
/// null for other models.
/// </param>
public sealed record CatalogModel(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("option")] string Option,
    [property: JsonPropertyName("folder")] string? Folder,
    [property: JsonPropertyName("source")] string? Source,
    [property: JsonPropertyName("files")] IReadOnlyList<CatalogFile> Files,
    [property: JsonPropertyName("default_for")] string? DefaultFor = null)
{
    /// <summary>The total size of the files in bytes.</summary>
    [JsonIgnore]
    public long TotalSize => Files.Sum(f => f.Size);

    /// <summary>The value of <see cref="DefaultFor"/> of the default LLM.</summary>
    public const string DefaultLlm = "llm";

    /// <summary>The value of <see cref="DefaultFor"/> of the default embedder.</summary>
    public const string DefaultEmbedder = "embedder";
}
