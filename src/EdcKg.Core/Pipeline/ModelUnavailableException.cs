namespace EdcKg.Core.Pipeline;

/// <summary>
/// A model request failed for good (retries spent, or the server rejected this request). The pipeline marks the
/// document failed for the stage, goes on with the other documents, and the next run of the same command retries it.
/// </summary>
public sealed class ModelUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The <see cref="ModelUnavailableException"/> in <paramref name="exception"/> or its inner exceptions, or null.</summary>
    public static ModelUnavailableException? FindIn(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is ModelUnavailableException found)
            {
                return found;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Select(FindIn).FirstOrDefault(f => f is not null) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }
}
