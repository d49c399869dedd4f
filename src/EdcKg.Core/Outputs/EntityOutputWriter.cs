using System.Globalization;
using System.Text;
using System.Text.Json;
using EdcKg.Core.Entities;
using EdcKg.Core.Storage;

namespace EdcKg.Core.Outputs;

/// <summary>
/// Writes an iteration's entity resolution: <c>entities.jsonl</c>, one line per entity
/// (<c>{"id", "name", "aliases", "mentions"}</c>), and <c>entity_decisions.jsonl</c>, one line per decision in sequence
/// order (mention, candidates with scores, the model's raw answer, the outcome). Both are written atomically.
/// </summary>
public static class EntityOutputWriter
{
    /// <summary>The entities file of an iteration folder.</summary>
    public const string EntitiesFile = "entities.jsonl";

    /// <summary>The decisions file of an iteration folder.</summary>
    public const string DecisionsFile = "entity_decisions.jsonl";

    private static readonly JsonSerializerOptions JsonLines = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Writes both files under <c>iter{iteration}</c> in <paramref name="outputDirectory"/>.</summary>
    public static async Task WriteIterationAsync(string outputDirectory, int iteration, EntityResolutionResult result, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(outputDirectory, "iter" + iteration.ToString(CultureInfo.InvariantCulture));
        await AtomicFile.WriteAllTextAsync(Path.Combine(folder, EntitiesFile), EntitiesJsonLines(result.Entities), cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllTextAsync(Path.Combine(folder, DecisionsFile), DecisionsJsonLines(result.Decisions), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One line per entity.</summary>
    public static string EntitiesJsonLines(IEnumerable<ResolvedEntity> entities)
    {
        var builder = new StringBuilder();
        foreach (var entity in entities)
        {
            builder.Append(JsonSerializer.Serialize(new { entity.Id, entity.Name, entity.Aliases, entity.Mentions }, JsonLines)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>One line per decision.</summary>
    public static string DecisionsJsonLines(IEnumerable<EntityDecision> decisions)
    {
        var builder = new StringBuilder();
        foreach (var decision in decisions)
        {
            builder.Append(EntityStore.Serialize(decision)).Append('\n');
        }

        return builder.ToString();
    }
}
