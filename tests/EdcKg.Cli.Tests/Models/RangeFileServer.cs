using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using TestModels;

namespace EdcKg.Cli.Tests.Models;

/// <summary>
/// A loopback HTTP server (a <see cref="LoopbackHttpServer"/> handler) that serves one byte array at every path,
/// honours <c>Range: bytes=N-</c> with 206, and can drop the connection part-way through its first answer to imitate
/// a broken transfer.
/// </summary>
internal sealed class RangeFileServer : IDisposable
{
    private readonly LoopbackHttpServer server;
    private readonly byte[] content;
    private int cutFirstAnswerAfter;

    public RangeFileServer(byte[] content, int? cutFirstAnswerAfter = null)
    {
        this.content = content;
        this.cutFirstAnswerAfter = cutFirstAnswerAfter ?? -1;
        server = new LoopbackHttpServer(ServeAsync);
        BaseUrl = server.BaseAddress.ToString();
    }

    /// <summary>The server's address, to pass as <c>--base-url</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>The path and Range header (or "none") of every request, in arrival order.</summary>
    public ConcurrentQueue<(string Path, string Range)> Requests { get; } = new();

    public void Dispose() => server.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task ServeAsync(HttpContext context)
    {
        var range = context.Request.Headers.Range.Count == 0 ? null : context.Request.Headers.Range.ToString();
        Requests.Enqueue((context.Request.Path.Value ?? string.Empty, range ?? "none"));

        var start = 0;
        if (range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            start = int.Parse(range["bytes=".Length..^1], CultureInfo.InvariantCulture);
            if (start >= content.Length)
            {
                context.Response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                context.Response.ContentLength = 0;
                return;
            }

            context.Response.StatusCode = StatusCodes.Status206PartialContent;
            context.Response.Headers.ContentRange = $"bytes {start}-{content.Length - 1}/{content.Length}";
        }

        var length = content.Length - start;
        context.Response.ContentLength = length;
        context.Response.ContentType = "application/octet-stream";

        // Only the first answer is cut: later ones (the resumed download) go through whole.
        if (Interlocked.Exchange(ref cutFirstAnswerAfter, -1) is var cut and >= 0)
        {
            await context.Response.Body.WriteAsync(content.AsMemory(start, Math.Min(cut, length)), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
            return;
        }

        await context.Response.Body.WriteAsync(content.AsMemory(start, length), context.RequestAborted);
    }
}
