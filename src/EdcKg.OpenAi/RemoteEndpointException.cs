namespace EdcKg.OpenAi;

/// <summary>
/// A server refused every request of this kind (wrong API key, unknown model or path): retrying or going on with
/// other documents cannot help, so the run stops with this message.
/// </summary>
public sealed class RemoteEndpointException(string message) : Exception(message);
