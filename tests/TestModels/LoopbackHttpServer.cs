using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TestModels;

/// <summary>
/// The one loopback HTTP server of the tests: Kestrel on 127.0.0.1, each listener bound to port 0 so the system picks
/// a free port (no probing, no race with other processes), every request answered by one handler. The test doubles of
/// the OpenAI API, the Neo4j Query API and the model download server are handlers on it.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly WebApplication app;

    /// <summary>Starts listening on <paramref name="listeners"/> ports, each request going to <paramref name="handler"/>.</summary>
    public LoopbackHttpServer(RequestDelegate handler, int listeners = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(listeners, 1);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            for (var i = 0; i < listeners; i++)
            {
                kestrel.Listen(IPAddress.Loopback, 0);
            }
        });
        app = builder.Build();
        app.Run(handler);

        // Kestrel starts without awaiting anything that needs the caller's context, so tests may construct it in place.
        app.StartAsync().GetAwaiter().GetResult();
        Ports = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a).Port)
            .ToList();
    }

    /// <summary>The ports listened on, one per listener, in order.</summary>
    public IReadOnlyList<int> Ports { get; }

    /// <summary>The address of the first port, ending in <c>/</c>.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Ports[0]}/");

    /// <summary>
    /// A loopback port that refuses connections for as long as the returned socket lives: bound, never listening,
    /// so no other process can take it meanwhile.
    /// </summary>
    public static Socket ClosedPort(out int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        return socket;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // A cancelled token aborts requests still in progress (a test's slow answer) instead of waiting for them.
        await app.StopAsync(new CancellationToken(canceled: true)).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
