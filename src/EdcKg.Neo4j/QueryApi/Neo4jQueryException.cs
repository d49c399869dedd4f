using System.Net;

namespace EdcKg.Neo4j.QueryApi;

/// <summary>A query the server refused or could not run, with Neo4j's status code when it sent one.</summary>
public sealed class Neo4jQueryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public Neo4jQueryException(string message, string? code, HttpStatusCode? status, bool isTransient, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Status = status;
        IsTransient = isTransient;
    }

    /// <summary>Neo4j's status code, e.g. <c>Neo.ClientError.Statement.SyntaxError</c>, or null for HTTP-level failures.</summary>
    public string? Code { get; }

    /// <summary>The HTTP status, or null when no response came.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>Whether trying again later may succeed (transient Neo4j errors, 5xx, timeouts, refused connections).</summary>
    public bool IsTransient { get; }

    /// <summary>Whether the server refused the credentials (401/403 or a <c>Neo.ClientError.Security.*</c> code).</summary>
    public bool IsAuthentication =>
        Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || (Code?.StartsWith("Neo.ClientError.Security.", StringComparison.Ordinal) ?? false);
}
