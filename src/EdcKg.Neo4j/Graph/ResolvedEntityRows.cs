using EdcKg.Core.Entities;
using EdcKg.Core.Storage;

namespace EdcKg.Neo4j.Graph;

/// <summary>
/// Resolved entities in the graph: one <c>:Entity</c> node per entity of a run, keyed by the run and the entity id
/// (so two runs never share one), with its canonical name, its aliases, its mention count and the decisions that
/// made it (one JSON object per decision, as <c>entity_decisions.jsonl</c> has them), which a review can show and
/// change. Relationships of triples whose subject or object was resolved connect these nodes.
/// </summary>
public static class ResolvedEntityRows
{
    /// <summary>The key of the node of entity <paramref name="entityId"/> of run <paramref name="runId"/>.</summary>
    public static string Key(string runId, string entityId) => runId + "/" + entityId;

    /// <summary>Merges the entity nodes from rows of <see cref="Rows"/>, setting their names, aliases, counts and decisions.</summary>
    public static string Statement(string rows = "$rows") =>
        $"UNWIND {rows} AS row MERGE (e:Entity {{key: row.key}}) "
        + "SET e.name = row.name, e.aliases = row.aliases, e.mentions = row.mentions, e.entityId = row.entityId, e.runId = row.runId, "
        + "e.iteration = row.iteration, e.decisions = row.decisions";

    /// <summary>One row per entity of <paramref name="entities"/>.</summary>
    public static IEnumerable<IReadOnlyDictionary<string, object?>> Rows(string runId, ResolvedEntities entities)
    {
        var decisions = entities.DecisionsByEntity();
        return entities.Entities.Select(e => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["key"] = Key(runId, e.Id),
            ["name"] = e.Name,
            ["aliases"] = e.Aliases.ToList(),
            ["mentions"] = e.Mentions,
            ["entityId"] = e.Id,
            ["runId"] = runId,
            ["iteration"] = entities.Iteration,
            ["decisions"] = decisions.GetValueOrDefault(e.Id, []).Select(EntityStore.Serialize).ToList(),
        });
    }
}
