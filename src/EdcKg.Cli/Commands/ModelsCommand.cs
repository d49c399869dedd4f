using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdcKg.Cli.Commands.Options;
using EdcKg.Cli.Console;
using EdcKg.Cli.Models;
using Spectre.Console;

namespace EdcKg.Cli.Commands;

/// <summary>
/// <c>edckg models [list] [--json]</c> lists the recommended models; <c>edckg models download NAME [--dir FOLDER]</c>
/// fetches one, resumable and checked against the catalogue's SHA-256.
/// </summary>
internal static class ModelsCommand
{
    /// <summary>The environment variable that overrides the download host (a mirror, or a local server).</summary>
    public const string BaseUrlVariable = "EDCKG_MODELS_BASE_URL";

    public static Command Create()
    {
        var catalog = new Option<FileInfo?>("--catalog") { Description = $"The model catalogue (default: the {RecommendedModels.FileName} shipped with edckg)." };
        var json = new Option<bool>("--json") { Description = "Print the catalogue as JSON." };

        var command = new Command("models", "List recommended models (with sizes and SHA-256) and download them.");
        command.Options.Add(catalog);
        command.Options.Add(json);
        CommandAction.Set(command, (parseResult, console, _) => Task.FromResult(List(console, parseResult.GetValue(catalog), parseResult.GetValue(json))));

        var list = new Command("list", "List the recommended models.");
        list.Options.Add(catalog);
        list.Options.Add(json);
        CommandAction.Set(list, (parseResult, console, _) => Task.FromResult(List(console, parseResult.GetValue(catalog), parseResult.GetValue(json))));
        command.Subcommands.Add(list);
        command.Subcommands.Add(CreateDownload(catalog));
        return command;
    }

    private static Command CreateDownload(Option<FileInfo?> catalog)
    {
        var name = new Argument<string>("name") { Description = "The model's name, as `edckg models` lists it." };
        var dir = new Option<DirectoryInfo>("--dir") { Description = $"Folder to download into (default: the models folder runs look in: {ModelStore.DirectoryVariable}, else ~/.cache/edckg/models).", DefaultValueFactory = _ => new DirectoryInfo(ModelStore.DirectoryOf(null)) };
        var baseUrl = new Option<string?>("--base-url") { Description = $"Fetch from this host instead of the catalogue's (a mirror); default: {BaseUrlVariable}." }
            .Rule(text => Uri.TryCreate(text, UriKind.Absolute, out var host) && host.Scheme is "http" or "https" ? null : $"'{text}' is not an http(s) address.");
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for a connection or for data before giving up.", DefaultValueFactory = _ => 30 }
            .Rule(seconds => seconds < 1 ? $"must be at least 1 second (was {seconds})." : null);

        var download = new Command("download", "Download a recommended model, resuming a partial download and verifying its SHA-256.");
        download.Arguments.Add(name);
        download.Options.Add(catalog);
        download.Options.Add(dir);
        download.Options.Add(baseUrl);
        download.Options.Add(timeout);
        return CommandAction.Set(download, async (parseResult, console, cancellationToken) =>
        {
            var models = Load(parseResult.GetValue(catalog));
            var requested = parseResult.GetValue(name)!;
            var model = models.Find(requested)
                ?? throw new OptionValueException("name", $"no model '{requested}' in the catalogue; choose one of: {string.Join(", ", models.Models.Select(m => m.Name))}.");
            var hostText = parseResult.GetValue(baseUrl) ?? Environment.GetEnvironmentVariable(BaseUrlVariable);
            Uri? host = null;
            if (!string.IsNullOrEmpty(hostText) && (!Uri.TryCreate(hostText, UriKind.Absolute, out host) || host.Scheme is not ("http" or "https")))
            {
                throw new OptionValueException(BaseUrlVariable, $"'{hostText}' is not an http(s) address.");
            }

            var seconds = parseResult.GetValue(timeout);
            var folder = parseResult.GetValue(dir)!.FullName;
            if (!string.IsNullOrEmpty(model.Folder))
            {
                folder = Path.Combine(folder, model.Folder);
            }

            return await DownloadAsync(console, model, folder, host, TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(false);
        }, "A partial file is kept: the same command resumes it.");
    }

    private static async Task<int> DownloadAsync(CommandConsole console, CatalogModel model, string folder, Uri? host, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { ConnectTimeout = timeout, AutomaticDecompression = System.Net.DecompressionMethods.None };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("edckg");
        var downloader = new ModelDownloader(http, host, timeout);
        Directory.CreateDirectory(folder);
        var progress = new SynchronousProgress(p => console.Error.WriteLine(DownloadProgressLine.Of(p)));
        foreach (var file in model.Files)
        {
            var destination = Path.Combine(folder, file.Name);
            try
            {
                var fetched = await downloader.DownloadAsync(file, destination, progress, cancellationToken).ConfigureAwait(false);
                await console.Error.WriteLineAsync(fetched
                    ? $"models: {file.Name}: verified (SHA-256 {file.Sha256[..12]}…)"
                    : $"models: {file.Name}: already present and verified").ConfigureAwait(false);
            }
            catch (DownloadException exception) when (exception.Kind == DownloadFailureKind.Unreachable)
            {
                // Offline: say how to get the files another way.
                throw new DownloadException(exception.Kind, exception.Message + "." + Environment.NewLine + OfflineAdvice(model, folder), exception);
            }
        }

        var target = model.Files.Count == 1 && string.IsNullOrEmpty(model.Folder) ? Path.Combine(folder, model.Files[0].Name) : folder;
        await console.Output.WriteLineAsync(target).ConfigureAwait(false);
        await console.Error.WriteLineAsync($"models: {model.Name} is ready; pass it with {model.Option} {target}").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static string OfflineAdvice(CatalogModel model, string folder)
    {
        var lines = new List<string>
        {
            "This machine cannot reach the download host (no internet?). Download the files on a machine that has internet:",
        };
        lines.AddRange(model.Files.Select(f => string.Create(CultureInfo.InvariantCulture, $"  {f.Url}  ({f.Size} bytes, SHA-256 {f.Sha256})")));
        var target = model.Files.Count == 1 && string.IsNullOrEmpty(model.Folder) ? Path.Combine(folder, model.Files[0].Name) : folder;
        lines.Add($"then copy them to {(string.IsNullOrEmpty(model.Folder) && model.Files.Count == 1 ? target : folder + Path.DirectorySeparatorChar)}, check them with `sha256sum`, and pass the model with {model.Option} {target}");
        lines.Add($"(or point --base-url / {BaseUrlVariable} at a reachable mirror).");
        return string.Join(Environment.NewLine, lines);
    }

    private static int List(CommandConsole console, FileInfo? catalogFile, bool asJson)
    {
        var catalog = Load(catalogFile);

        if (asJson)
        {
            console.Output.WriteLine(JsonSerializer.Serialize(new { models = catalog.Models }, new JsonSerializerOptions { WriteIndented = true }));
        }
        else if (console.Interactive)
        {
            var table = new Table().AddColumns("Name", "Role", "Size", "Files (SHA-256)", "Use with");
            foreach (var model in catalog.Models)
            {
                var files = string.Join("\n", model.Files.Select(f => $"{f.Name} ({f.Sha256[..12]}…)"));
                table.AddRow(Markup.Escape(model.Name), Markup.Escape(model.Role), Megabytes(model.TotalSize), Markup.Escape(files), Markup.Escape(model.Option));
            }

            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Output) }).Write(table);
        }
        else
        {
            foreach (var model in catalog.Models)
            {
                console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{model.Name}\t{model.Role}\t{model.TotalSize} bytes ({Megabytes(model.TotalSize)})\t{model.Option}\t{model.Description}"));
                foreach (var file in model.Files)
                {
                    console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {file.Name}\t{file.Size}\tsha256:{file.Sha256}\t{file.Url}"));
                }
            }
        }

        return ExitCodes.Success;
    }

    private static RecommendedModels Load(FileInfo? file)
    {
        if (file is null)
        {
            return RecommendedModels.LoadDefault();
        }

        try
        {
            return RecommendedModels.Load(file.FullName);
        }
        catch (EdcKg.Core.Inputs.InputException exception)
        {
            throw new OptionValueException("--catalog", exception.Message, exception);
        }
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F1} MiB");

    /// <summary>Reports on the downloading thread, so lines come out in order and before the command returns.</summary>
    private sealed class SynchronousProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }
}
