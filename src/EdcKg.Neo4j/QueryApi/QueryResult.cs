using System.Text.Json;

namespace EdcKg.Neo4j.QueryApi;

/// <summary>The answer to one statement: its columns, its rows (as JSON), what it changed and the bookmarks.</summary>
public sealed record QueryResult(
    IReadOnlyList<string> Fields,
    IReadOnlyList<IReadOnlyList<JsonElement>> Values,
    QueryCounters Counters,
    IReadOnlyList<string> Bookmarks);
