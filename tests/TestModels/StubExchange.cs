namespace TestModels;

/// <summary>One request the stub server received and what it did with it.</summary>
/// <param name="At">When the request arrived (stopwatch time of the stub).</param>
/// <param name="Port">The port (endpoint) it came to.</param>
/// <param name="Path">The request path.</param>
/// <param name="Key">What it asked: "stage|text" for chat requests (the document text or the relation asked about), the input count for embeddings.</param>
/// <param name="Fault">The fault injected, or null for a proper answer in time.</param>
public sealed record StubExchange(TimeSpan At, int Port, string Path, string Key, StubFault? Fault);
