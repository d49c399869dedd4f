using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdcKg.Review.Ui;

/// <summary>
/// The single-page UI, embedded in this assembly. Only the files built in are served, looked up by exact name, so no
/// request reaches the file system; everything the page needs (script, styles) is here, nothing comes from a CDN.
/// </summary>
internal static class UiAssets
{
    private const string Prefix = "ui/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    /// <summary>The embedded files by their path under <c>wwwroot</c>.</summary>
    public static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = typeof(UiAssets).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            files[name[Prefix.Length..].Replace('\\', '/')] = memory.ToArray();
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var files = Load();
        app.MapGet("/", () => Serve(files, "index.html"));
        app.MapGet("/assets/{name}", (string name) => Serve(files, name));
    }

    private static IResult Serve(FrozenDictionary<string, byte[]> files, string name)
        => files.TryGetValue(name, out var content) && ContentTypes.TryGetValue(Path.GetExtension(name), out var type)
            ? TypedResults.Bytes(content, type)
            : TypedResults.NotFound();
}
