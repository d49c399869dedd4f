namespace EdcKg.Neo4j.QueryApi;

/// <summary>Where and how to reach a Neo4j server over its Query API. The password and token are never printed.</summary>
/// <param name="Uri">The server's HTTP(S) address, e.g. <c>http://localhost:7474</c> (a <c>neo4j://</c> or <c>bolt://</c> address is rejected: the Query API speaks HTTP).</param>
/// <param name="Database">The database name (default <c>neo4j</c>).</param>
/// <param name="Username">The user for basic auth, or null.</param>
/// <param name="Password">The password for basic auth, or null.</param>
/// <param name="BearerToken">A bearer token (SSO, Aura), used instead of basic auth when given.</param>
public sealed record Neo4jSettings(Uri Uri, string Database = "neo4j", string? Username = null, string? Password = null, string? BearerToken = null)
{
    /// <summary>Environment variable names, as the Neo4j tools name them.</summary>
    public const string UriVariable = "NEO4J_URI";

    /// <inheritdoc cref="UriVariable"/>
    public const string UsernameVariable = "NEO4J_USERNAME";

    /// <inheritdoc cref="UriVariable"/>
    public const string PasswordVariable = "NEO4J_PASSWORD";

    /// <inheritdoc cref="UriVariable"/>
    public const string DatabaseVariable = "NEO4J_DATABASE";

    /// <summary>Rows per <c>UNWIND $rows</c> statement.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>How many times a transient failure is retried before giving up.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The graph written into (documents, chunks, schema relations and relationships are keyed by it); null: the run's id.</summary>
    public string? Graph { get; init; }

    /// <summary>The first retry's delay; each later one doubles it (with jitter).</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long one HTTP request may take before it counts as a (transient) timeout.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Settings from explicit values, falling back to <c>NEO4J_URI</c>, <c>NEO4J_USERNAME</c>, <c>NEO4J_PASSWORD</c>
    /// and <c>NEO4J_DATABASE</c>. Throws <see cref="ArgumentException"/> naming the option or variable that is wrong.
    /// </summary>
    /// <param name="uri">The <c>--neo4j-uri</c> value, or null.</param>
    /// <param name="username">The <c>--neo4j-user</c> value, or null.</param>
    /// <param name="password">The <c>--neo4j-password</c> value, or null (prefer the environment).</param>
    /// <param name="database">The <c>--neo4j-database</c> value, or null.</param>
    /// <param name="environment">Reads an environment variable (injected so tests need not touch the process environment).</param>
    public static Neo4jSettings Resolve(string? uri, string? username, string? password, string? database, Func<string, string?> environment)
    {
        var source = uri is null ? UriVariable : "--neo4j-uri";
        var text = uri ?? environment(UriVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException($"No Neo4j address: give --neo4j-uri or set {UriVariable} (e.g. http://localhost:7474).");
        }

        if (!System.Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed) || (parsed.Scheme != System.Uri.UriSchemeHttp && parsed.Scheme != System.Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"{source}: '{text}' is not an http:// or https:// address; the Query API is served over HTTP (default port 7474), not Bolt.");
        }

        var db = database ?? environment(DatabaseVariable);
        return new Neo4jSettings(
            parsed,
            string.IsNullOrWhiteSpace(db) ? "neo4j" : db.Trim(),
            username ?? environment(UsernameVariable),
            password ?? environment(PasswordVariable));
    }

    /// <summary>Prints the address, database and user, never the password or token.</summary>
    public override string ToString() =>
        $"{Uri} database {Database}" + (BearerToken is not null ? " (bearer token)" : Username is not null ? $" as {Username}" : " (no auth)");
}
