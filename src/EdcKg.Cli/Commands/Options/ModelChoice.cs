using EdcKg.Cli.ModelResolution;
using EdcKg.Core.Pipeline;

namespace EdcKg.Cli.Commands.Options;

/// <summary>The models a command was given, and where the default models live.</summary>
/// <param name="Roles">The roles the command has options for.</param>
/// <param name="Given">The model named for each role on the command line or in <c>edckg.json</c> (roles left out were not named).</param>
/// <param name="ModelsDirectory">The folder of downloaded models (<c>--models-dir</c>, <c>EDCKG_MODELS_DIR</c>, <c>~/.cache/edckg/models</c>).</param>
/// <param name="AllowDownload">Whether a default model that is not in <paramref name="ModelsDirectory"/> may be downloaded.</param>
/// <param name="Catalog">The model catalogue file, or null for the one shipped with edckg.</param>
/// <param name="Local">How local models are opened (runtime, threads, context, embedder prompts).</param>
internal sealed record ModelChoice(
    IReadOnlyList<ModelRole> Roles,
    IReadOnlyDictionary<ModelRole, string> Given,
    string ModelsDirectory,
    bool AllowDownload,
    string? Catalog,
    ModelOptions Local);
