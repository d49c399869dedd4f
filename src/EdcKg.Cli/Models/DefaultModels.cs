using System.Globalization;

namespace EdcKg.Cli.Models;

/// <summary>
/// The catalogue's default models in the models folder: found there, or downloaded there (with progress, verified
/// by SHA-256) when downloads are allowed; otherwise a <see cref="MissingModelException"/> with the download command.
/// </summary>
/// <param name="catalog">The catalogue that names the defaults.</param>
/// <param name="directory">The models folder.</param>
/// <param name="catalogFile">The catalogue's file when it is not the shipped one (the download command names it).</param>
/// <param name="downloader">Fetches missing files, or null when downloads are off.</param>
/// <param name="log">Where progress lines go.</param>
public sealed class DefaultModels(RecommendedModels catalog, string directory, string? catalogFile, ModelDownloader? downloader, TextWriter log)
{
    /// <summary>The path of the default model for <paramref name="use"/> (<see cref="CatalogModel.DefaultLlm"/> or <see cref="CatalogModel.DefaultEmbedder"/>), downloaded first if needed.</summary>
    /// <exception cref="MissingModelException">The model is not there and cannot be downloaded now.</exception>
    public async Task<string> PathAsync(string use, CancellationToken cancellationToken)
    {
        var model = catalog.DefaultFor(use)
            ?? throw new MissingModelException($"the model catalogue{(catalogFile is null ? string.Empty : " " + catalogFile)} has no default {use} (\"default_for\": \"{use}\"); name a model with {(use == CatalogModel.DefaultLlm ? "--oie-llm" : "--sc-embedder")}.");
        var path = ModelStore.PathOf(model, directory);
        if (ModelStore.Has(model, directory))
        {
            return path;
        }

        if (downloader is null)
        {
            throw new MissingModelException(MissingModelException.Describe(model, directory, "downloads are off (--no-download)", catalogFile));
        }

        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"edckg: downloading the default {use} {model.Name} ({model.TotalSize / 1048576.0:F1} MiB) into {directory} (once; later runs find it there)")).ConfigureAwait(false);
        var folder = ModelStore.FolderOf(model, directory);
        Directory.CreateDirectory(folder);
        var progress = new LineProgress(log);
        foreach (var file in model.Files)
        {
            try
            {
                await downloader.DownloadAsync(file, Path.Combine(folder, file.Name), progress, cancellationToken).ConfigureAwait(false);
            }
            catch (DownloadException e)
            {
                throw new MissingModelException(MissingModelException.Describe(model, directory, $"it could not be downloaded: {e.Message}", catalogFile), e);
            }
        }

        await log.WriteLineAsync($"edckg: {model.Name}: verified (SHA-256) and saved as {path}").ConfigureAwait(false);
        return path;
    }

    /// <summary>Reports on the downloading thread, so lines come out in order.</summary>
    private sealed class LineProgress(TextWriter log) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => log.WriteLine(DownloadProgressLine.Of(value));
    }
}
