namespace TestModels;

/// <summary>A fault the stub server injects instead of (or before) a proper answer.</summary>
public abstract record StubFault
{
    /// <summary>HTTP 429 with <c>Retry-After: seconds</c>.</summary>
    public sealed record TooManyRequests(int RetryAfterSeconds) : StubFault;

    /// <summary>An HTTP 5xx status.</summary>
    public sealed record ServerError(int Status = 500) : StubFault;

    /// <summary>A proper answer, but only after <paramref name="Delay"/> (past the client's timeout).</summary>
    public sealed record Slow(TimeSpan Delay) : StubFault;

    /// <summary>HTTP 200 whose body is not JSON.</summary>
    public sealed record MalformedJson : StubFault;
}
