namespace EdcKg.OpenAi;

/// <summary>A slot on one endpoint, held for one attempt; disposing it frees the slot.</summary>
public sealed class EndpointLease : IDisposable
{
    private readonly EndpointPool pool;
    private int released;

    internal EndpointLease(EndpointPool pool, RemoteEndpoint endpoint)
    {
        this.pool = pool;
        Endpoint = endpoint;
    }

    /// <summary>The endpoint the attempt goes to.</summary>
    public RemoteEndpoint Endpoint { get; }

    /// <summary>Records that the attempt failed.</summary>
    public void MarkFailed() => pool.MarkFailed(Endpoint);

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            pool.Release(Endpoint);
        }
    }
}
