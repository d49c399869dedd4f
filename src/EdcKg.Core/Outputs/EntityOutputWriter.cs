using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdcKg.Core.Entities;
using EdcKg.Core.Storage;

namespace EdcKg.Core.Outputs;

/// <summary>
/// Writes an iteration's entity resolution: <c>entities.jsonl</c>, one line per entity
/// (<c>{"id", "name", "aliases", "mentions"}</c>), and <c>entity_decisions.jsonl</c>, one line per decision in sequence
/// order (mention, candidates with scores, the model's raw answer, the outcome); and adds <c>subjectId</c> and
/// <c>objectId</c> to each line of the iteration's <c>triples.jsonl</c>. Every file is written atomically.
/// </summary>
public static class EntityOutputWriter
{
    /// <summary>The entities file of an iteration folder.</summary>
    public const string EntitiesFile = "entities.jsonl";

    /// <summary>The decisions file of an iteration folder.</summary>
    public const string DecisionsFile = "entity_decisions.jsonl";

    private static readonly JsonSerializerOptions JsonLines = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Writes both files under <c>iter{iteration}</c> in <paramref name="outputDirectory"/>, and the entity ids into its <c>triples.jsonl</c> when there is one.</summary>
    public static async Task WriteIterationAsync(string outputDirectory, int iteration, EntityResolutionResult result, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(outputDirectory, "iter" + iteration.ToString(CultureInfo.InvariantCulture));
        await AtomicFile.WriteAllTextAsync(Path.Combine(folder, EntitiesFile), EntitiesJsonLines(result.Entities), cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllTextAsync(Path.Combine(folder, DecisionsFile), DecisionsJsonLines(result.Decisions), cancellationToken).ConfigureAwait(false);
        var triples = Path.Combine(folder, "triples.jsonl");
        if (File.Exists(triples))
        {
            var lines = await File.ReadAllTextAsync(triples, cancellationToken).ConfigureAwait(false);
            await AtomicFile.WriteAllTextAsync(triples, WithEntityIds(lines, result), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <paramref name="triplesJsonLines"/> with <c>subjectId</c> and <c>objectId</c> added to every line, from its
    /// <c>documentId</c>, <c>subject</c> and <c>object</c> (null for a name that is no mention).
    /// </summary>
    public static string WithEntityIds(string triplesJsonLines, EntityResolutionResult result)
    {
        var builder = new StringBuilder(triplesJsonLines.Length + 64);
        foreach (var line in triplesJsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var record = JsonNode.Parse(line)!.AsObject();
            var document = record["documentId"]?.GetValue<string>() ?? string.Empty;
            record["subjectId"] = result.EntityOf(document, record["subject"]?.GetValue<string>() ?? string.Empty);
            record["objectId"] = result.EntityOf(document, record["object"]?.GetValue<string>() ?? string.Empty);
            builder.Append(record.ToJsonString(JsonLines)).Append('\n');
        }

        return builder.ToString();
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
