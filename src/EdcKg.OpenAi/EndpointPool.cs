namespace EdcKg.OpenAi;

/// <summary>
/// Servers that serve the same models, each taking at most a fixed number of requests at once. An attempt waits for
/// a free slot anywhere, then goes to the least busy endpoint (ties are shared out in turn), so a slow or stalled
/// server gets fewer requests while the others keep working; a server that answered 429 or 503 with Retry-After gets
/// none until that time has passed (on the pool's <see cref="TimeProvider"/>). Safe for concurrent use.
/// </summary>
public sealed class EndpointPool : IDisposable
{
    private readonly RemoteEndpoint[] endpoints;
    private readonly int limit;
    private readonly SemaphoreSlim slots;
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private int next;

    /// <summary>
    /// Creates a pool of <paramref name="addresses"/>, each taking <paramref name="concurrencyPerEndpoint"/> requests at
    /// once; cool-downs run on <paramref name="time"/> (the system clock when null).
    /// </summary>
    public EndpointPool(IReadOnlyList<Uri> addresses, int concurrencyPerEndpoint, TimeProvider? time = null)
    {
        this.time = time ?? TimeProvider.System;
        if (addresses.Count == 0)
        {
            throw new ArgumentException("An endpoint pool needs at least one endpoint.", nameof(addresses));
        }

        if (concurrencyPerEndpoint < 1)
        {
            throw new ArgumentException($"--endpoint-concurrency must be at least 1 (got {concurrencyPerEndpoint}).");
        }

        endpoints = addresses.Select(a => new RemoteEndpoint(a)).ToArray();
        limit = concurrencyPerEndpoint;
        slots = new SemaphoreSlim(endpoints.Length * limit, endpoints.Length * limit);
    }

    /// <summary>The endpoints, in the order given.</summary>
    public IReadOnlyList<RemoteEndpoint> Endpoints => endpoints;

    /// <summary>
    /// Waits for a free slot and takes it on the least busy endpoint that is not cooling down after a Retry-After;
    /// when every endpoint with a free slot is cooling down, waits until the first one may be asked again.
    /// </summary>
    public async Task<EndpointLease> AcquireAsync(CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (gate)
                {
                    var now = time.GetUtcNow();
                    RemoteEndpoint? best = null;
                    var earliest = DateTimeOffset.MaxValue;
                    for (var k = 0; k < endpoints.Length; k++)
                    {
                        var candidate = endpoints[(next + k) % endpoints.Length];
                        if (candidate.InFlight >= limit)
                        {
                            continue;
                        }

                        if (candidate.CoolingUntil > now)
                        {
                            earliest = candidate.CoolingUntil < earliest ? candidate.CoolingUntil : earliest;
                        }
                        else if (best is null || candidate.InFlight < best.InFlight)
                        {
                            best = candidate;
                        }
                    }

                    if (best is not null)
                    {
                        next = (next + 1) % endpoints.Length;
                        best.InFlight++;
                        best.Attempts++;
                        return new EndpointLease(this, best);
                    }

                    // The semaphore counts free slots over all endpoints, so a free one is cooling down.
                    wait = earliest - now;
                }

                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            slots.Release();
            throw;
        }
    }

    /// <summary>Sends no request to <paramref name="endpoint"/> for <paramref name="wait"/> (its Retry-After).</summary>
    public void CoolDown(RemoteEndpoint endpoint, TimeSpan wait)
    {
        lock (gate)
        {
            var until = time.GetUtcNow() + wait;
            endpoint.CoolingUntil = until > endpoint.CoolingUntil ? until : endpoint.CoolingUntil;
        }
    }

    internal void Release(RemoteEndpoint endpoint)
    {
        lock (gate)
        {
            endpoint.InFlight--;
        }

        slots.Release();
    }

    internal void MarkFailed(RemoteEndpoint endpoint)
    {
        lock (gate)
        {
            endpoint.Failures++;
        }
    }

    /// <inheritdoc />
    public void Dispose() => slots.Dispose();
}
