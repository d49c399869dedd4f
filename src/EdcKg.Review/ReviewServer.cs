using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using EdcKg.Review.Api;
using EdcKg.Review.Model;
using EdcKg.Review.Ui;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdcKg.Review;

/// <summary>
/// <c>edckg serve</c>: a Kestrel server over one run folder with the review page and its JSON API. It binds to
/// loopback unless told otherwise and opens the run store read-write, so corrections are stored with the run.
/// </summary>
public sealed class ReviewServer : IAsyncDisposable
{
    private static readonly HashSet<string> LoopbackNames = new(StringComparer.OrdinalIgnoreCase) { "localhost", "127.0.0.1", "[::1]", "::1" };

    private readonly WebApplication app;
    private readonly RunUnderReview run;

    private ReviewServer(WebApplication app, RunUnderReview run, Uri address)
    {
        this.app = app;
        this.run = run;
        Address = address;
    }

    /// <summary>Where the page is (with the real port when port 0 was asked for).</summary>
    public Uri Address { get; }

    /// <summary>Opens the run of <paramref name="options"/> and starts serving it.</summary>
    /// <exception cref="Core.Pipeline.RunMismatchException">The folder holds no run store.</exception>
    /// <exception cref="ArgumentException">The host is not an address or name this machine can bind.</exception>
    public static async Task<ReviewServer> StartAsync(ReviewOptions options, ILoggerProvider? logging = null, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(options.RunDirectory))
        {
            throw new DirectoryNotFoundException($"{options.RunDirectory}: no such folder.");
        }

        var endpoint = Endpoint(options);
        var run = await RunUnderReview.OpenAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(ReviewServer).Assembly.GetName().Name, ContentRootPath = AppContext.BaseDirectory });
            builder.Logging.ClearProviders();
            if (logging is not null)
            {
                builder.Logging.AddProvider(logging).SetMinimumLevel(LogLevel.Warning);
            }

            builder.WebHost.UseKestrel(k => k.Listen(endpoint));
            builder.Services.AddProblemDetails();
            builder.Services.ConfigureHttpJsonOptions(o =>
            {
                o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
                o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            });
            var app = builder.Build();
            app.UseExceptionHandler();
            app.UseStatusCodePages();
            if (IPAddress.IsLoopback(endpoint.Address))
            {
                // A page elsewhere that rebinds its own name to 127.0.0.1 would be "same origin"; the Host it sends
                // still names that site, so a loopback server answers only requests addressed to loopback.
                app.Use((context, next) => LoopbackNames.Contains(context.Request.Host.Host)
                    ? next(context)
                    : Problems.BadRequest($"This review server answers requests to localhost only (Host: {context.Request.Host}).").ExecuteAsync(context));
            }

            ReviewApi.Map(app, run);
            UiAssets.Map(app);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new ReviewServer(app, run, new Uri(bound.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal) + "/"));
        }
        catch
        {
            await run.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled, then stops.</summary>
    public async Task RunUntilCancelledAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops the server and closes the run store.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        await run.DisposeAsync().ConfigureAwait(false);
    }

    private static IPEndPoint Endpoint(ReviewOptions options)
    {
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException($"--port must be from 0 to 65535 (got {options.Port}).");
        }

        if (string.Equals(options.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new IPEndPoint(IPAddress.Loopback, options.Port);
        }

        if (!IPAddress.TryParse(options.Host.Trim('[', ']'), out var address))
        {
            throw new ArgumentException($"--host must be an IP address or localhost (got '{options.Host}').");
        }

        return new IPEndPoint(address, options.Port);
    }
}
