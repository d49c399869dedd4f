using EdcKg.Cli.Commands.Options;
using EdcKg.Cli.Console;
using EdcKg.Cli.ModelResolution;
using EdcKg.Cli.Models;
using EdcKg.Core.Pipeline;

namespace EdcKg.Cli.Commands;

/// <summary>
/// The model of every role of a run: the ones given, EDC's fallbacks (<see cref="ModelRoles.Resolve"/>), and for the
/// two roles everything falls back to, the catalogue's defaults from the models folder (downloaded on first use).
/// </summary>
internal static class RunModels
{
    /// <summary>How long to wait for the download host to answer before the run stops with the download command.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The model name of each of the command's roles, with default models resolved (and downloaded) first.</summary>
    /// <exception cref="MissingModelException">A default model is needed, missing, and cannot be downloaded now.</exception>
    public static async Task<IReadOnlyDictionary<ModelRole, string>> ResolveAsync(ModelChoice choice, bool endpointsGiven, CommandConsole console, CancellationToken cancellationToken)
    {
        var given = choice.Given.ToDictionary(p => p.Key, p => (string?)p.Value);
        var defaults = new[] { (ModelRole.OpenExtraction, CatalogModel.DefaultLlm), (ModelRole.CanonicalizationEmbedder, CatalogModel.DefaultEmbedder) }
            .Where(d => !given.ContainsKey(d.Item1))
            .ToList();
        if (endpointsGiven && !given.ContainsKey(ModelRole.OpenExtraction))
        {
            // Someone who points the run at a server means that server's model, not a local download.
            throw new OptionValueException(ModelRole.OpenExtraction.OptionName(), "--llm-endpoint is given: name the served model the run should use (the default model is a local file).");
        }
        if (defaults.Count > 0)
        {
            var catalog = choice.Catalog is null ? RecommendedModels.LoadDefault() : Load(choice.Catalog);
            using var handler = new SocketsHttpHandler { ConnectTimeout = ConnectTimeout, AutomaticDecompression = System.Net.DecompressionMethods.None };
            using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("edckg");
            var baseUrl = Environment.GetEnvironmentVariable(ModelsCommand.BaseUrlVariable) is { Length: > 0 } b && Uri.TryCreate(b, UriKind.Absolute, out var u) ? u : null;
            var models = new DefaultModels(catalog, choice.ModelsDirectory, choice.Catalog, choice.AllowDownload ? new ModelDownloader(http, baseUrl, TimeSpan.FromSeconds(30)) : null, console.Error);
            foreach (var (role, use) in defaults)
            {
                var path = await models.PathAsync(use, cancellationToken).ConfigureAwait(false);
                console.Note($"{role.OptionName()} not given: using the default {use} {path}");
                given[role] = path;
            }
        }

        var resolved = ModelRoles.Resolve(given);
        return choice.Roles.Where(resolved.ContainsKey).ToDictionary(r => r, r => resolved[r]);
    }

    /// <summary>Opens the model of every role a run needs, and the identities its caches and manifest record.</summary>
    public static (EdcBackends Backends, Dictionary<ModelRole, string> Identities) Open(ModelResolver models, IReadOnlyDictionary<ModelRole, string> roles, bool refining)
        => (models.OpenBackends(roles, refining), roles.ToDictionary(p => p.Key, p => models.Identity(p.Key, p.Value)));

    private static RecommendedModels Load(string file)
    {
        try
        {
            return RecommendedModels.Load(file);
        }
        catch (Core.Inputs.InputException e)
        {
            throw new OptionValueException("--models-catalog", e.Message, e);
        }
    }
}
