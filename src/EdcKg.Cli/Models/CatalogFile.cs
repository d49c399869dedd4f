using System.Text.Json.Serialization;

namespace EdcKg.Cli.Models;

/// <summary>One file of a recommended model, with the size and SHA-256 its publisher lists.</summary>
/// <param name="Name">The file name under the model's folder (or the download folder, for a single-file model).</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="Sha256">The SHA-256 of the content, lower-case hex.</param>
/// <param name="Url">Where to download it; the host may be overridden with <c>--base-url</c>.</param>
public sealed record CatalogFile(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("url")] string Url);
