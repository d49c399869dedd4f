using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdcKg.Cli.Tests.Models;

/// <summary>
/// A loopback HTTP/1.1 server on a free port that serves one byte array at every path, honours
/// <c>Range: bytes=N-</c> with 206, and can drop the connection part-way through its first answer to imitate a broken
/// transfer. Written on a socket so the test controls exactly when the connection closes.
/// </summary>
internal sealed class RangeFileServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly byte[] content;
    private readonly Task loop;
    private int cutFirstAnswerAfter;

    public RangeFileServer(byte[] content, int? cutFirstAnswerAfter = null)
    {
        this.content = content;
        this.cutFirstAnswerAfter = cutFirstAnswerAfter ?? -1;
        listener.Start();
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/";
        loop = Task.Run(ServeAsync);
    }

    /// <summary>The server's address, to pass as <c>--base-url</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>The path and Range header (or "none") of every request, in arrival order.</summary>
    public ConcurrentQueue<(string Path, string Range)> Requests { get; } = new();

    /// <summary>A port nothing listens on (it was free a moment ago).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with an exception when the listener stops.
        }

        stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                try
                {
                    await AnswerAsync(client.GetStream());
                }
                catch (Exception exception) when (exception is IOException or SocketException)
                {
                    // The client went away.
                }
            }
        }
    }

    private async Task AnswerAsync(NetworkStream stream)
    {
        var head = await ReadHeadAsync(stream);
        var lines = head.Split("\r\n");
        var path = lines[0].Split(' ')[1];
        var range = lines.Skip(1).FirstOrDefault(l => l.StartsWith("Range:", StringComparison.OrdinalIgnoreCase))?["Range:".Length..].Trim();
        Requests.Enqueue((path, range ?? "none"));

        var start = 0;
        string status;
        var headers = new StringBuilder();
        if (range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            start = int.Parse(range["bytes=".Length..^1], CultureInfo.InvariantCulture);
            if (start >= content.Length)
            {
                await WriteAsync(stream, "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                await CloseGracefullyAsync(stream);
                return;
            }

            status = "206 Partial Content";
            headers.Append(CultureInfo.InvariantCulture, $"Content-Range: bytes {start}-{content.Length - 1}/{content.Length}\r\n");
        }
        else
        {
            status = "200 OK";
        }

        await WriteAsync(stream, $"HTTP/1.1 {status}\r\nContent-Length: {content.Length - start}\r\nContent-Type: application/octet-stream\r\n{headers}Connection: close\r\n\r\n");
        var length = content.Length - start;
        // Only the first answer is cut: later ones (the resumed download) go through whole.
        if (Interlocked.Exchange(ref cutFirstAnswerAfter, -1) is var cut and >= 0)
        {
            length = Math.Min(cut, length);
        }

        await stream.WriteAsync(content.AsMemory(start, length));
        await stream.FlushAsync();
        await CloseGracefullyAsync(stream);
    }

    private static async Task CloseGracefullyAsync(NetworkStream stream)
    {
        // Send FIN and wait for the client to hang up, so that closing never resets data still in flight.
        stream.Socket.Shutdown(SocketShutdown.Send);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var sink = new byte[4096];
        try
        {
            while (await stream.ReadAsync(sink, patience.Token) > 0)
            {
            }
        }
        catch (OperationCanceledException)
        {
            // The client kept the connection open; close it anyway.
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (!(bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("the client closed before sending a whole request");
            }

            bytes.Add(one[0]);
        }

        return Encoding.ASCII.GetString(bytes.ToArray());
    }

    private static Task WriteAsync(NetworkStream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();
}
