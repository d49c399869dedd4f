namespace EdcKg.Neo4j.QueryApi;

/// <summary>A Cypher statement with its parameters (plain JSON values: strings, numbers, booleans, null, lists and maps).</summary>
public sealed record CypherStatement(string Text, IReadOnlyDictionary<string, object?>? Parameters = null);
