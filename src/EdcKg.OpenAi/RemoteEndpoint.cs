namespace EdcKg.OpenAi;

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

    /// <summary>Until when (on the pool's clock) the server asked not to be sent requests (Retry-After on 429/503).</summary>
    public DateTimeOffset CoolingUntil { get; internal set; } = DateTimeOffset.MinValue;

    /// <inheritdoc />
    public override string ToString() => BaseAddress.ToString();
}
