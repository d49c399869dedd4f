using System.Text.Json;
using System.Text.Json.Serialization;
using EdcKg.Core.Entities;
using Microsoft.Data.Sqlite;

namespace EdcKg.Core.Storage;

/// <summary>
/// Entity resolution's tables in the run store file: every decision as it is taken (<c>entity_decisions</c>), and,
/// once an iteration is resolved, its entities (<c>entities</c>) and the entity of each mention
/// (<c>entity_mentions</c>). Decisions are replayed in sequence order to rebuild the entities, so a correction is one
/// more decision with another <c>source</c>. Uses its own connection to the file (SQLite serialises the writers).
/// </summary>
public sealed class EntityStore : IEntityDecisionLog, IAsyncDisposable
{
    /// <summary>The tables, created with the run store's own.</summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS entity_decisions (
            iteration INTEGER NOT NULL, seq INTEGER NOT NULL, mention_key TEXT NOT NULL, doc_idx INTEGER NOT NULL,
            doc_id TEXT NOT NULL, name TEXT NOT NULL, outcome TEXT NOT NULL, entity_id TEXT NOT NULL, source TEXT NOT NULL,
            payload TEXT NOT NULL, PRIMARY KEY (iteration, seq), UNIQUE (iteration, mention_key));
        CREATE TABLE IF NOT EXISTS entities (
            iteration INTEGER NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, aliases TEXT NOT NULL, mentions INTEGER NOT NULL,
            PRIMARY KEY (iteration, id));
        CREATE TABLE IF NOT EXISTS entity_mentions (
            iteration INTEGER NOT NULL, mention_key TEXT NOT NULL, doc_idx INTEGER NOT NULL, name TEXT NOT NULL, entity_id TEXT NOT NULL,
            PRIMARY KEY (iteration, mention_key));
        """;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly SqliteConnection connection;
    private readonly SemaphoreSlim gate = new(1, 1);

    private EntityStore(SqliteConnection connection) => this.connection = connection;

    /// <summary>Opens the entity tables of the run store <paramref name="store"/>.</summary>
    public static EntityStore Open(RunStore store)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store.Path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 5000;\n" + Schema;
        command.ExecuteNonQuery();
        return new EntityStore(connection);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EntityDecision>> LoadAsync(int iteration, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT payload FROM entity_decisions WHERE iteration = $it ORDER BY seq";
            command.Parameters.AddWithValue("$it", iteration);
            using var reader = command.ExecuteReader();
            var decisions = new List<EntityDecision>();
            while (reader.Read())
            {
                decisions.Add(JsonSerializer.Deserialize<EntityDecision>(reader.GetString(0), Json) ?? throw new InvalidDataException("An empty entity decision is stored."));
            }

            return decisions;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task AppendAsync(int iteration, EntityDecision decision, CancellationToken cancellationToken)
    {
        // The write is not cancelled half-way: once started it commits, so the log never misses a decision it was handed.
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT OR REPLACE INTO entity_decisions (iteration, seq, mention_key, doc_idx, doc_id, name, outcome, entity_id, source, payload)
                VALUES ($it, $seq, $key, $doc, $docId, $name, $outcome, $entity, $source, $payload)
                """;
            command.Parameters.AddWithValue("$it", iteration);
            command.Parameters.AddWithValue("$seq", decision.Sequence);
            command.Parameters.AddWithValue("$key", decision.Mention.Key);
            command.Parameters.AddWithValue("$doc", decision.Mention.DocumentIndex);
            command.Parameters.AddWithValue("$docId", decision.Mention.DocumentId);
            command.Parameters.AddWithValue("$name", decision.Mention.Name);
            command.Parameters.AddWithValue("$outcome", decision.Outcome.ToString());
            command.Parameters.AddWithValue("$entity", decision.EntityId);
            command.Parameters.AddWithValue("$source", decision.Source);
            command.Parameters.AddWithValue("$payload", Serialize(decision));
            command.ExecuteNonQuery();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Replaces the entities and mention assignments of <paramref name="iteration"/> with <paramref name="result"/>'s, in one transaction.</summary>
    public async Task SaveResultAsync(int iteration, EntityResolutionResult result, IReadOnlyList<EntityMention> mentions, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = connection.BeginTransaction();
            Execute("DELETE FROM entities WHERE iteration = $it", ("$it", iteration));
            Execute("DELETE FROM entity_mentions WHERE iteration = $it", ("$it", iteration));
            foreach (var entity in result.Entities)
            {
                Execute(
                    "INSERT INTO entities (iteration, id, name, aliases, mentions) VALUES ($it, $id, $name, $aliases, $n)",
                    ("$it", iteration), ("$id", entity.Id), ("$name", entity.Name), ("$aliases", JsonSerializer.Serialize(entity.Aliases)), ("$n", entity.Mentions));
            }

            foreach (var mention in mentions)
            {
                if (result.Assignments.TryGetValue(mention.Key, out var id))
                {
                    Execute(
                        "INSERT INTO entity_mentions (iteration, mention_key, doc_idx, name, entity_id) VALUES ($it, $key, $doc, $name, $id)",
                        ("$it", iteration), ("$key", mention.Key), ("$doc", mention.DocumentIndex), ("$name", mention.Name), ("$id", id));
                }
            }

            transaction.Commit();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The stored entities of <paramref name="iteration"/> (empty when it was not resolved).</summary>
    public async Task<IReadOnlyList<ResolvedEntity>> LoadEntitiesAsync(int iteration, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, name, aliases, mentions FROM entities WHERE iteration = $it ORDER BY rowid";
            command.Parameters.AddWithValue("$it", iteration);
            using var reader = command.ExecuteReader();
            var entities = new List<ResolvedEntity>();
            while (reader.Read())
            {
                entities.Add(new ResolvedEntity(reader.GetString(0), reader.GetString(1), JsonSerializer.Deserialize<List<string>>(reader.GetString(2)) ?? [], reader.GetInt32(3)));
            }

            return entities;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The entities of the last iteration that was resolved, with its decisions and mention assignments; null when none was.</summary>
    public async Task<ResolvedEntities?> LoadLatestAsync(CancellationToken cancellationToken)
    {
        int? iteration;
        var assignments = new Dictionary<string, string>(StringComparer.Ordinal);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var latest = connection.CreateCommand();
            latest.CommandText = "SELECT MAX(iteration) FROM entities";
            iteration = latest.ExecuteScalar() is long value ? (int)value : null;
            if (iteration is null)
            {
                return null;
            }

            using var command = connection.CreateCommand();
            command.CommandText = "SELECT mention_key, entity_id FROM entity_mentions WHERE iteration = $it";
            command.Parameters.AddWithValue("$it", iteration.Value);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                assignments[reader.GetString(0)] = reader.GetString(1);
            }
        }
        finally
        {
            gate.Release();
        }

        var entities = await LoadEntitiesAsync(iteration.Value, cancellationToken).ConfigureAwait(false);
        var decisions = await LoadAsync(iteration.Value, cancellationToken).ConfigureAwait(false);
        return new ResolvedEntities(iteration.Value, entities, decisions, assignments);
    }

    /// <summary>One decision as stored (and as <c>entity_decisions.jsonl</c> writes it).</summary>
    public static string Serialize(EntityDecision decision) => JsonSerializer.Serialize(decision, Json);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        connection.Dispose();
        gate.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
