using System.CommandLine;
using EdcKg.Neo4j.QueryApi;

namespace EdcKg.Cli.Commands.Options;

/// <summary>
/// The options that reach a Neo4j server, shared by <c>export neo4j</c> and <c>run --neo4j-uri</c>; bound to the
/// server's settings, or null when a run was not asked to write to Neo4j.
/// </summary>
internal sealed class Neo4jOptions(bool uriRequired) : IOptionGroup<Neo4jSettings?>
{
    public Option<string?> Uri { get; } = new Option<string?>("--neo4j-uri")
    {
        Description = "Neo4j HTTP address for the Query API, e.g. http://localhost:7474 (default: NEO4J_URI)." + (uriRequired ? string.Empty : " Writes the graph as documents finish."),
    }.Rule(uri => uri is null ? null : AddressProblem(uri));

    public Option<string?> User { get; } = new("--neo4j-user") { Description = "Neo4j user (default: NEO4J_USERNAME)." };

    public Option<string?> Password { get; } = new("--neo4j-password") { Description = "Neo4j password (default: NEO4J_PASSWORD; prefer the environment, a command line is visible to other users)." };

    public Option<string?> Database { get; } = new("--neo4j-database") { Description = "Neo4j database (default: NEO4J_DATABASE, else neo4j)." };

    public Option<int> BatchSize { get; } = new Option<int>("--neo4j-batch-size") { Description = "Rows per UNWIND statement.", DefaultValueFactory = _ => 1000 }.AtLeast(1);

    public Option<string?> Graph { get; } = new("--neo4j-graph")
    {
        Description = "Name of the graph in the database (default: the run's id): documents, chunks, schema relations and relationships are keyed by it, so corpora written under other names never overwrite them.",
    };

    public Option<int> MaxRetries { get; } = new Option<int>("--neo4j-max-retries") { Description = "Retries of a transient Neo4j failure (with exponential backoff) before giving up.", DefaultValueFactory = _ => 5 }.AtLeast(0);

    public IEnumerable<Option> Options => [Uri, User, Password, Database, Graph, BatchSize, MaxRetries];

    /// <summary>
    /// The settings, from the options and the environment; null for a run without <c>--neo4j-uri</c> (NEO4J_URI
    /// alone does not turn writing on, it only supplies the address).
    /// </summary>
    public Neo4jSettings? Bind(ParseResult result)
    {
        if (!uriRequired && result.GetValue(Uri) is null)
        {
            return null;
        }

        try
        {
            return Neo4jSettings.Resolve(
                result.GetValue(Uri),
                result.GetValue(User),
                result.GetValue(Password),
                result.GetValue(Database),
                Environment.GetEnvironmentVariable) with { BatchSize = result.GetValue(BatchSize), MaxRetries = result.GetValue(MaxRetries), Graph = result.GetValue(Graph) };
        }
        catch (ArgumentException e)
        {
            // Resolve reports a missing or malformed address (from the option or NEO4J_URI) this way.
            throw new OptionValueException(Uri.Name, e.Message, e);
        }
    }

    private static string? AddressProblem(string uri)
    {
        try
        {
            Neo4jSettings.Resolve(uri, null, null, null, _ => null);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
