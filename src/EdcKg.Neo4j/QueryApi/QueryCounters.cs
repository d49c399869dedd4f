namespace EdcKg.Neo4j.QueryApi;

/// <summary>What a statement changed, as the Query API reports it with <c>includeCounters</c>.</summary>
public sealed record QueryCounters(
    bool ContainsUpdates,
    long NodesCreated,
    long NodesDeleted,
    long PropertiesSet,
    long RelationshipsCreated,
    long RelationshipsDeleted,
    long LabelsAdded,
    long ConstraintsAdded)
{
    /// <summary>Nothing changed.</summary>
    public static QueryCounters None { get; } = new(false, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>The sum of two counters (a batch of statements).</summary>
    public QueryCounters Add(QueryCounters other) => new(
        ContainsUpdates || other.ContainsUpdates,
        NodesCreated + other.NodesCreated,
        NodesDeleted + other.NodesDeleted,
        PropertiesSet + other.PropertiesSet,
        RelationshipsCreated + other.RelationshipsCreated,
        RelationshipsDeleted + other.RelationshipsDeleted,
        LabelsAdded + other.LabelsAdded,
        ConstraintsAdded + other.ConstraintsAdded);
}
