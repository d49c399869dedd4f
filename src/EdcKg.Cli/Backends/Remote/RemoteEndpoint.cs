namespace EdcKg.Cli.Backends.Remote;

/// <summary>One server of an <see cref="EndpointPool"/> and what it is doing. Guarded by the pool's lock.</summary>
public sealed class RemoteEndpoint(Uri baseAddress)
{
    /// <summary>The API base, ending in <c>/</c>.</summary>
    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>Requests in flight now.</summary>
    public int InFlight { get; internal set; }

    /// <summary>Attempts sent so far.</summary>
    public long Attempts { get; internal set; }

    /// <summary>Attempts that failed (status, timeout, connection or malformed answer).</summary>
    public long Failures { get; internal set; }

    /// <summary>Until when (<see cref="Environment.TickCount64"/>) the server asked not to be sent requests (Retry-After on 429/503).</summary>
    public long CoolingUntil { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => BaseAddress.ToString();
}
