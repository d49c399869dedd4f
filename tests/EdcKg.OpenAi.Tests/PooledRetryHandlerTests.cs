using System.Collections.Concurrent;
using System.Net;
using System.Text;
using EdcKg.Core.Pipeline;
using EdcKg.OpenAi;
using Microsoft.Extensions.Time.Testing;

namespace EdcKg.OpenAi.Tests;

/// <summary>The retrying HTTP layer on a fake clock: every wait is checked to the tick, with no real sleep.</summary>
public sealed class PooledRetryHandlerTests
{
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);

    private static RemoteOptions Options(int maxRetries = 3) => new()
    {
        RequestTimeout = TimeSpan.FromSeconds(20),
        MaxRetries = maxRetries,
        RetryDelay = TimeSpan.FromSeconds(1),
        MaxRetryDelay = TimeSpan.FromSeconds(4),
    };

    [Fact]
    public async Task ARetryAfter429WaitsExactlyAsLongAsTheServerAskedAndCoolsTheEndpointDown()
    {
        var time = new FakeTimeProvider();
        var server = new ScriptedServer(_ => TooMany(7), _ => Ok());
        using var pool = new EndpointPool([new Uri("http://a/v1/")], 2, time);
        using var client = new HttpMessageInvoker(new PooledRetryHandler(pool, Options(), server, time: time));

        var sending = client.SendAsync(Request(), CancellationToken.None);
        await server.Attempted(1);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(7), pool.Endpoints[0].CoolingUntil);
        time.Advance(TimeSpan.FromSeconds(7) - TimeSpan.FromTicks(1));
        Assert.Equal(1, server.Attempts);
        time.Advance(TimeSpan.FromTicks(1));

        using var response = await sending.WaitAsync(Safety);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, server.Attempts);
        Assert.Equal((2, 1), (pool.Endpoints[0].Attempts, pool.Endpoints[0].Failures));
    }

    [Fact]
    public async Task ARetryAfterLongerThanTheLongestBackoffIsStillHonoured()
    {
        var time = new FakeTimeProvider();
        var server = new ScriptedServer(_ => TooMany(90), _ => Ok());
        using var pool = new EndpointPool([new Uri("http://a/v1/")], 2, time);
        using var client = new HttpMessageInvoker(new PooledRetryHandler(pool, Options(), server, time: time));

        var sending = client.SendAsync(Request(), CancellationToken.None);
        await server.Attempted(1);
        time.Advance(TimeSpan.FromSeconds(89));
        Assert.Equal(1, server.Attempts);
        time.Advance(TimeSpan.FromSeconds(1));

        using var response = await sending.WaitAsync(Safety);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnAttemptPastItsTimeoutIsAbandonedAtTheTimeoutAndRetried()
    {
        var time = new FakeTimeProvider();
        var server = new ScriptedServer(Hang, _ => Ok());
        using var pool = new EndpointPool([new Uri("http://a/v1/")], 2, time);
        // No backoff: the retry goes out as soon as the timeout fires, so the clock need not be stepped to it.
        using var client = new HttpMessageInvoker(new PooledRetryHandler(pool, Options() with { RetryDelay = TimeSpan.Zero }, server, time: time));

        var sending = client.SendAsync(Request(), CancellationToken.None);
        await server.Attempted(1);
        time.Advance(TimeSpan.FromSeconds(20) - TimeSpan.FromTicks(1));
        Assert.False(server.Cancelled.Task.IsCompleted);
        Assert.Equal(1, server.Attempts);
        time.Advance(TimeSpan.FromTicks(1));

        using var response = await sending.WaitAsync(Safety);
        Assert.True(server.Cancelled.Task.IsCompleted);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, server.Attempts);
        Assert.Equal(1, pool.Endpoints[0].Failures);
    }

    [Fact]
    public async Task ServerErrorsAndMalformedAnswersAreRetriedUntilTheRetriesAreSpent()
    {
        var time = new FakeTimeProvider();
        var server = new ScriptedServer(_ => Status(HttpStatusCode.InternalServerError), _ => Malformed(), _ => Status(HttpStatusCode.BadGateway));
        using var pool = new EndpointPool([new Uri("http://a/v1/")], 2, time);
        using var client = new HttpMessageInvoker(new PooledRetryHandler(pool, Options(maxRetries: 2) with { RetryDelay = TimeSpan.Zero }, server, time: time));

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => client.SendAsync(Request(), CancellationToken.None).WaitAsync(Safety));

        Assert.Contains("HTTP 502", error.Message);
        Assert.Contains("gave up after 3 attempts", error.Message);
        Assert.Equal(3, server.Attempts);
        Assert.Equal(3, pool.Endpoints[0].Failures);
    }

    [Fact]
    public async Task WithNoRetriesOneFailedAttemptFailsTheRequest()
    {
        var time = new FakeTimeProvider();
        var server = new ScriptedServer(_ => Status(HttpStatusCode.ServiceUnavailable), _ => Ok());
        using var pool = new EndpointPool([new Uri("http://a/v1/")], 2, time);
        using var client = new HttpMessageInvoker(new PooledRetryHandler(pool, Options(maxRetries: 0), server, time: time));

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => client.SendAsync(Request(), CancellationToken.None));

        Assert.Contains("gave up after 1 attempts", error.Message);
        Assert.Equal(1, server.Attempts);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, typeof(RemoteEndpointException))]
    [InlineData(HttpStatusCode.NotFound, typeof(RemoteEndpointException))]
    [InlineData(HttpStatusCode.BadRequest, typeof(ModelUnavailableException))]
    public async Task ARequestTheServerRefusesIsNotRetried(HttpStatusCode status, Type expected)
    {
        var time = new FakeTimeProvider();
        var server = new ScriptedServer(_ => Status(status), _ => Ok());
        using var pool = new EndpointPool([new Uri("http://a/v1/")], 2, time);
        using var client = new HttpMessageInvoker(new PooledRetryHandler(pool, Options(), server, time: time));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.SendAsync(Request(), CancellationToken.None));

        Assert.IsType(expected, error);
        Assert.Equal(1, server.Attempts);
    }

    [Fact]
    public async Task TheWaitForARetryLeavesTheSlotFreeAndTheRetryMayGoToAnotherEndpoint()
    {
        var time = new FakeTimeProvider();
        var server = new ScriptedServer(_ => TooMany(5), _ => Ok());
        using var pool = new EndpointPool([new Uri("http://a/v1/"), new Uri("http://b/v1/")], 1, time);
        using var client = new HttpMessageInvoker(new PooledRetryHandler(pool, Options(), server, time: time));

        var sending = client.SendAsync(Request(), CancellationToken.None);
        await server.Attempted(1);
        Assert.All(pool.Endpoints, e => Assert.Equal(0, e.InFlight));
        time.Advance(TimeSpan.FromSeconds(5));
        using var response = await sending.WaitAsync(Safety);

        // Endpoints equally free are taken in turn.
        Assert.Equal(["a", "b"], server.Hosts);
    }

    private static HttpRequestMessage Request() => new(HttpMethod.Post, new Uri(PooledRetryHandler.PoolAddress, "chat/completions"))
    {
        Content = new StringContent("""{"model":"m"}""", Encoding.UTF8, "application/json"),
    };

    private static Task<HttpResponseMessage> Ok() => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
    {
        Content = new StringContent("""{"id":"x"}""", Encoding.UTF8, "application/json"),
    });

    private static Task<HttpResponseMessage> Malformed() => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
    {
        Content = new StringContent("""{"id":""", Encoding.UTF8, "application/json"),
    });

    private static Task<HttpResponseMessage> Status(HttpStatusCode status) => Task.FromResult(new HttpResponseMessage(status)
    {
        Content = new StringContent("""{"error":{"message":"no"}}""", Encoding.UTF8, "application/json"),
    });

    private static Task<HttpResponseMessage> TooMany(int seconds)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        return Task.FromResult(response);
    }

    private static async Task<HttpResponseMessage> Hang(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Answers each attempt with the next step of its script (the last one repeats).</summary>
    private sealed class ScriptedServer(params Func<CancellationToken, Task<HttpResponseMessage>>[] script) : HttpMessageHandler
    {
        private readonly ConcurrentQueue<string> hosts = new();
        private readonly SemaphoreSlim arrivals = new(0);
        private int attempts;

        public int Attempts => Volatile.Read(ref attempts);

        public IReadOnlyList<string> Hosts => hosts.ToList();

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task Attempted(int count)
        {
            for (var i = 0; i < count; i++)
            {
                Assert.True(await arrivals.WaitAsync(Safety), "no attempt arrived");
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var index = Interlocked.Increment(ref attempts) - 1;
            hosts.Enqueue(request.RequestUri!.Host);
            arrivals.Release();
            try
            {
                return await script[Math.Min(index, script.Length - 1)](cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Recorded here, not by a token registration: the cancelled wait may resume inline and end this
                // method (disposing a registration) before the token's other callbacks have run.
                Cancelled.TrySetResult();
                throw;
            }
        }
    }
}
