using EdcKg.OpenAi;
using Microsoft.Extensions.Time.Testing;

namespace EdcKg.OpenAi.Tests;

public sealed class EndpointPoolTests
{
    [Fact]
    public async Task RequestsGoToTheLeastBusyEndpointWithinItsLimit()
    {
        using var pool = new EndpointPool([new Uri("http://a/v1/"), new Uri("http://b/v1/")], concurrencyPerEndpoint: 2);
        var leases = new List<EndpointLease>();
        for (var i = 0; i < 4; i++)
        {
            leases.Add(await pool.AcquireAsync(CancellationToken.None));
        }

        Assert.Equal([2, 2], pool.Endpoints.Select(e => e.InFlight));

        // Both endpoints are full: the fifth request waits for a slot, and takes the one freed on b.
        var fifth = pool.AcquireAsync(CancellationToken.None);
        Assert.False(fifth.IsCompleted);
        leases.First(l => l.Endpoint.BaseAddress.Host == "b").Dispose();
        var lease = await fifth.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("b", lease.Endpoint.BaseAddress.Host);

        // With a free slot on a only (a: 1, b: 2), a is the least busy.
        leases.First(l => l.Endpoint.BaseAddress.Host == "a").Dispose();
        Assert.Equal("a", (await pool.AcquireAsync(CancellationToken.None)).Endpoint.BaseAddress.Host);
    }

    [Fact]
    public async Task AnEndpointThatAskedToRetryLaterGetsNoRequestsUntilThen()
    {
        using var pool = new EndpointPool([new Uri("http://a/v1/"), new Uri("http://b/v1/")], concurrencyPerEndpoint: 4);
        pool.CoolDown(pool.Endpoints[0], TimeSpan.FromSeconds(30));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("b", (await pool.AcquireAsync(CancellationToken.None)).Endpoint.BaseAddress.Host);
        }

        var time = new FakeTimeProvider();
        using var single = new EndpointPool([new Uri("http://c/v1/")], concurrencyPerEndpoint: 4, time);
        single.CoolDown(single.Endpoints[0], TimeSpan.FromMilliseconds(300));
        var waiting = single.AcquireAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(299));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        using var lease = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("c", lease.Endpoint.BaseAddress.Host);
    }

    [Fact]
    public async Task ALongerCoolDownWinsAndAShorterOneDoesNotCutItShort()
    {
        var time = new FakeTimeProvider();
        using var pool = new EndpointPool([new Uri("http://a/v1/")], concurrencyPerEndpoint: 1, time);
        pool.CoolDown(pool.Endpoints[0], TimeSpan.FromSeconds(10));
        pool.CoolDown(pool.Endpoints[0], TimeSpan.FromSeconds(2));

        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(10), pool.Endpoints[0].CoolingUntil);
        var waiting = pool.AcquireAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        (await waiting.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
    }

    [Theory]
    [InlineData("http://gpu1:8000", "http://gpu1:8000/v1/")]
    [InlineData("http://gpu1:8000/v1", "http://gpu1:8000/v1/")]
    [InlineData("https://api.example.com/openai/v1/", "https://api.example.com/openai/v1/")]
    public void AnEndpointWithoutAPathServesTheApiUnderV1(string given, string expected)
        => Assert.Equal(new Uri(expected), RemoteOptions.ParseEndpoint(given));

    [Theory]
    [InlineData("gpu1:8000")]
    [InlineData("ftp://gpu1/v1")]
    [InlineData("not a url")]
    public void AnEndpointThatIsNotAnHttpUrlIsRejectedNamingTheOption(string given)
        => Assert.StartsWith("--llm-endpoint:", Assert.Throws<ArgumentException>(() => RemoteOptions.ParseEndpoint(given)).Message);
}
