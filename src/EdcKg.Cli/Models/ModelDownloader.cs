using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace EdcKg.Cli.Models;

/// <summary>
/// Downloads catalogue files into a folder: resumable (an HTTP Range request from the size of the <c>.partial</c>
/// file), verified by SHA-256 before the rename to the final name, so the final name only ever holds a whole,
/// verified file.
/// </summary>
public sealed class ModelDownloader(HttpClient http, Uri? baseUrl = null, TimeSpan? idleTimeout = null)
{
    /// <summary>The suffix of a file still being downloaded.</summary>
    public const string PartialSuffix = ".partial";

    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(1);

    /// <summary>The address a file is fetched from: the catalogue's, with scheme, host and port replaced by the base URL when one is set.</summary>
    public Uri AddressOf(CatalogFile file)
    {
        var original = new Uri(file.Url);
        if (baseUrl is null)
        {
            return original;
        }

        var builder = new UriBuilder(original) { Scheme = baseUrl.Scheme, Host = baseUrl.Host, Port = baseUrl.Port };
        var prefix = baseUrl.AbsolutePath.TrimEnd('/');
        builder.Path = prefix + original.AbsolutePath;
        return builder.Uri;
    }

    /// <summary>Downloads one file to <paramref name="destination"/>; returns false when a verified copy was already there.</summary>
    /// <exception cref="DownloadException">The file could not be downloaded or did not verify.</exception>
    public async Task<bool> DownloadAsync(CatalogFile file, string destination, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        if (File.Exists(destination) && new FileInfo(destination).Length == file.Size
            && await Sha256Of(destination, cancellationToken).ConfigureAwait(false) == file.Sha256)
        {
            return false;
        }

        var partial = destination + PartialSuffix;
        var offset = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        if (offset > file.Size)
        {
            // More bytes than the file has: not a prefix of it, so start over.
            File.Delete(partial);
            offset = 0;
        }

        if (offset < file.Size)
        {
            await FetchAsync(file, partial, offset, progress, cancellationToken).ConfigureAwait(false);
        }

        await VerifyAsync(file, partial, cancellationToken).ConfigureAwait(false);
        File.Move(partial, destination, overwrite: true);
        return true;
    }

    private async Task FetchAsync(CatalogFile file, string partial, long offset, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var address = AddressOf(file);
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception) when (IsUnreachable(exception))
        {
            throw new DownloadException(DownloadFailureKind.Unreachable, $"cannot reach {address.Host}:{address.Port} ({exception.Message})", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DownloadException(DownloadFailureKind.Unreachable, $"no answer from {address.Host}:{address.Port} in time", exception);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                // The server has no bytes past ours: the partial file is as long as it gets; verification decides.
                return;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new DownloadException(DownloadFailureKind.ServerError, $"{address} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            // A 200 to a range request means the server sends the whole file: start the partial file over.
            var append = offset > 0 && response.StatusCode == HttpStatusCode.PartialContent;
            if (!append)
            {
                offset = 0;
            }

            await using var target = new FileStream(partial, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            var clock = Stopwatch.StartNew();
            var lastReport = TimeSpan.Zero;
            var received = 0L;
            var buffer = new byte[1 << 16];
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                int read;
                while ((read = await ReadAsync(body, buffer, idle, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (offset + received + read > file.Size)
                    {
                        throw new DownloadException(DownloadFailureKind.Corrupt, $"{address} sent more than the catalogue's {file.Size} bytes");
                    }

                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    received += read;
                    if (clock.Elapsed - lastReport >= ReportEvery)
                    {
                        lastReport = clock.Elapsed;
                        progress?.Report(Measure(file, offset + received, received, clock.Elapsed));
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or HttpRequestException)
            {
                await target.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                throw new DownloadException(
                    DownloadFailureKind.Interrupted,
                    $"the transfer of {file.Name} stopped after {offset + received} of {file.Size} bytes ({exception.Message}); run the same command again to resume",
                    exception);
            }

            progress?.Report(Measure(file, offset + received, received, clock.Elapsed));
        }
    }

    private async Task<int> ReadAsync(Stream body, byte[] buffer, CancellationTokenSource idle, CancellationToken cancellationToken)
    {
        // A stalled connection never ends a read by itself: give each read a deadline.
        idle.CancelAfter(idleTimeout ?? Timeout.InfiniteTimeSpan);
        try
        {
            return await body.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"no data for {(idleTimeout ?? TimeSpan.Zero).TotalSeconds:F0} s", exception);
        }
    }

    private static async Task VerifyAsync(CatalogFile file, string partial, CancellationToken cancellationToken)
    {
        var length = new FileInfo(partial).Length;
        if (length < file.Size)
        {
            throw new DownloadException(DownloadFailureKind.Interrupted, $"the transfer of {file.Name} stopped after {length} of {file.Size} bytes; run the same command again to resume");
        }

        var actual = await Sha256Of(partial, cancellationToken).ConfigureAwait(false);
        if (length != file.Size || actual != file.Sha256)
        {
            File.Delete(partial);
            throw new DownloadException(
                DownloadFailureKind.Corrupt,
                $"{file.Name}: SHA-256 mismatch (expected {file.Sha256}, got {actual}); the downloaded data was deleted");
        }
    }

    private static DownloadProgress Measure(CatalogFile file, long bytes, long received, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? received / elapsed.TotalSeconds : 0;
        TimeSpan? remaining = rate > 0 ? TimeSpan.FromSeconds((file.Size - bytes) / rate) : null;
        return new DownloadProgress(file, bytes, rate, remaining);
    }

    private static async Task<string> Sha256Of(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    private static bool IsUnreachable(HttpRequestException exception)
        => exception.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError
           || exception.InnerException is SocketException;
}
