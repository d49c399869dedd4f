using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;

namespace EdcKg.Core.Corrections;

/// <summary>
/// The reviewers' corrections in the run store file (table <c>corrections</c>), on a connection of its own so that a
/// review server and the pipeline's <see cref="Storage.RunStore"/> can share the file (WAL). Corrections are never
/// deleted: undo marks one as undone, with who and when, so the history stays measurable. Safe for concurrent use.
/// </summary>
public sealed class CorrectionStore : IDisposable
{
    /// <summary>The table, created with the rest of the run store and on first use by older stores.</summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS corrections (
            id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, payload TEXT NOT NULL, user TEXT NOT NULL,
            created_at TEXT NOT NULL, undone_by TEXT, undone_at TEXT);
        """;

    private static readonly JsonSerializerOptions PayloadOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly SqliteConnection connection;
    private readonly SemaphoreSlim gate = new(1, 1);

    private CorrectionStore(SqliteConnection connection) => this.connection = connection;

    /// <summary>Opens the corrections of the run store file <paramref name="storePath"/>, which must exist.</summary>
    public static CorrectionStore Open(string storePath)
    {
        if (!File.Exists(storePath))
        {
            throw new FileNotFoundException($"{storePath}: no run store here.", storePath);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = storePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 5000;" + Schema;
        command.ExecuteNonQuery();
        return new CorrectionStore(connection);
    }

    /// <summary>Every correction in the order they were made, undone ones included.</summary>
    public async Task<IReadOnlyList<Correction>> LoadAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, kind, payload, user, created_at, undone_by, undone_at FROM corrections ORDER BY id";
            using var reader = command.ExecuteReader();
            var corrections = new List<Correction>();
            while (reader.Read())
            {
                corrections.Add(Read(reader));
            }

            return corrections;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Stores <paramref name="correction"/> and returns it with its id.</summary>
    public async Task<Correction> AddAsync(Correction correction, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO corrections (kind, payload, user, created_at) VALUES ($k, $p, $u, $c) RETURNING id";
            command.Parameters.AddWithValue("$k", correction.Kind.ToString());
            command.Parameters.AddWithValue("$p", JsonSerializer.Serialize(Payload.Of(correction), PayloadOptions));
            command.Parameters.AddWithValue("$u", correction.User);
            command.Parameters.AddWithValue("$c", correction.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            var id = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            return correction with { Id = id, UndoneAt = null, UndoneBy = null };
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Marks correction <paramref name="id"/> undone; null when there is no such correction. Undoing an undone
    /// correction changes nothing and returns it as it is.
    /// </summary>
    public async Task<Correction?> UndoAsync(long id, string user, DateTimeOffset when, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using (var update = connection.CreateCommand())
            {
                update.CommandText = "UPDATE corrections SET undone_by = $u, undone_at = $t WHERE id = $id AND undone_at IS NULL";
                update.Parameters.AddWithValue("$u", user);
                update.Parameters.AddWithValue("$t", when.ToString("O", CultureInfo.InvariantCulture));
                update.Parameters.AddWithValue("$id", id);
                update.ExecuteNonQuery();
            }

            using var select = connection.CreateCommand();
            select.CommandText = "SELECT id, kind, payload, user, created_at, undone_by, undone_at FROM corrections WHERE id = $id";
            select.Parameters.AddWithValue("$id", id);
            using var reader = select.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        connection.Dispose();
        gate.Dispose();
    }

    private static Correction Read(SqliteDataReader reader)
    {
        var payload = JsonSerializer.Deserialize<Payload>(reader.GetString(2), PayloadOptions) ?? new Payload();
        return new Correction(Enum.Parse<CorrectionKind>(reader.GetString(1)))
        {
            Id = reader.GetInt64(0),
            DocumentId = payload.DocumentId,
            Iteration = payload.Iteration,
            OpenTriple = payload.OpenTriple,
            Relation = payload.Relation,
            Entity = payload.Entity,
            NewName = payload.NewName,
            User = reader.GetString(3),
            CreatedAt = DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
            UndoneBy = reader.IsDBNull(5) ? null : reader.GetString(5),
            UndoneAt = reader.IsDBNull(6) ? null : DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture),
        };
    }

    // What a correction names, apart from the columns; JSON so that later kinds add fields without a migration.
    private sealed record Payload
    {
        public string? DocumentId { get; init; }

        public int? Iteration { get; init; }

        public Domain.Triple? OpenTriple { get; init; }

        public string? Relation { get; init; }

        public string? Entity { get; init; }

        public string? NewName { get; init; }

        public static Payload Of(Correction c) => new()
        {
            DocumentId = c.DocumentId, Iteration = c.Iteration, OpenTriple = c.OpenTriple, Relation = c.Relation, Entity = c.Entity, NewName = c.NewName,
        };
    }
}
