using System.CommandLine;
using EdcKg.Neo4j.QueryApi;

namespace EdcKg.Cli.Commands;

/// <summary>The options that reach a Neo4j server, shared by <c>export neo4j</c> and <c>run --neo4j-uri</c>.</summary>
internal sealed class Neo4jOptions(bool uriRequired)
{
    public Option<string?> Uri { get; } = new("--neo4j-uri")
    {
        Description = "Neo4j HTTP address for the Query API, e.g. http://localhost:7474 (default: NEO4J_URI)." + (uriRequired ? string.Empty : " Writes the graph as documents finish."),
    };

    public Option<string?> User { get; } = new("--neo4j-user") { Description = "Neo4j user (default: NEO4J_USERNAME)." };

    public Option<string?> Password { get; } = new("--neo4j-password") { Description = "Neo4j password (default: NEO4J_PASSWORD; prefer the environment, a command line is visible to other users)." };

    public Option<string?> Database { get; } = new("--neo4j-database") { Description = "Neo4j database (default: NEO4J_DATABASE, else neo4j)." };

    public Option<int> BatchSize { get; } = new("--neo4j-batch-size") { Description = "Rows per UNWIND statement.", DefaultValueFactory = _ => 1000 };

    public Option<int> MaxRetries { get; } = new("--neo4j-max-retries") { Description = "Retries of a transient Neo4j failure (with exponential backoff) before giving up.", DefaultValueFactory = _ => 5 };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Uri, User, Password, Database, BatchSize, MaxRetries })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Whether the user asked for Neo4j with the option (NEO4J_URI alone does not turn writing on, it only supplies the address).</summary>
    public bool Requested(ParseResult parseResult) => parseResult.GetValue(Uri) is not null;

    /// <summary>The settings, from the options and the environment; throws <see cref="ArgumentException"/> naming a bad option.</summary>
    public Neo4jSettings Settings(ParseResult parseResult)
    {
        var batchSize = parseResult.GetValue(BatchSize);
        if (batchSize < 1)
        {
            throw new ArgumentException($"--neo4j-batch-size must be at least 1 (got {batchSize}).");
        }

        var retries = parseResult.GetValue(MaxRetries);
        if (retries < 0)
        {
            throw new ArgumentException($"--neo4j-max-retries must be at least 0 (got {retries}).");
        }

        return Neo4jSettings.Resolve(
            parseResult.GetValue(Uri),
            parseResult.GetValue(User),
            parseResult.GetValue(Password),
            parseResult.GetValue(Database),
            Environment.GetEnvironmentVariable) with { BatchSize = batchSize, MaxRetries = retries };
    }
}
