using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;
using Microsoft.Data.Sqlite;

namespace EdcKg.Core.Storage;

/// <summary>
/// The run store: one SQLite file in the output folder holding the documents, every stage's output per document and
/// iteration, the schema as it grows, caches of LLM responses and embeddings, and the run manifest. Writes go through
/// a group-commit loop: every write is durable in the file when its task completes, and concurrent writes share a
/// transaction, so a killed run loses nothing that was reported done and a fast backend is not held up by commits.
/// Safe for concurrent use.
/// </summary>
public sealed partial class RunStore : IAsyncDisposable
{
    private readonly SqliteConnection connection;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Channel<(PendingWrite Write, TaskCompletionSource Done)> queue =
        Channel.CreateUnbounded<(PendingWrite, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task writerLoop;
    private readonly HashSet<string> cachedResponseKeys;
    private readonly HashSet<string> cachedEmbeddingKeys;
    private readonly object keysLock = new();

    private RunStore(string path, SqliteConnection connection)
    {
        Path = path;
        this.connection = connection;
        cachedResponseKeys = LoadKeys("SELECT key FROM llm_cache", r => Convert.ToHexString((byte[])r[0]));
        cachedEmbeddingKeys = LoadKeys("SELECT model, role, text_hash FROM embeddings", r => EmbeddingKey((string)r[0], (string)r[1], (byte[])r[2]));
        writerLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>The store file.</summary>
    public string Path { get; }

    /// <summary>
    /// Called with the name of each commit point ("start", "manifest", "writes", "caches") just before its transaction
    /// commits; a test that throws here kills the run at that point, with the transaction rolled back.
    /// </summary>
    internal Action<string>? BeforeCommit { get; set; }

    /// <summary>Opens (creating if needed) the store <see cref="RunSnapshotReader.StoreFileName"/> in <paramref name="outputDirectory"/>.</summary>
    public static RunStore Open(string outputDirectory)
    {
        Directory.CreateDirectory(outputDirectory);
        return OpenFile(System.IO.Path.Combine(outputDirectory, RunSnapshotReader.StoreFileName), createIfMissing: true);
    }

    /// <summary>Opens the store of an existing run; fails with the path when there is none.</summary>
    public static RunStore OpenExisting(string runDirectory)
    {
        var path = System.IO.Path.Combine(runDirectory, RunSnapshotReader.StoreFileName);
        if (!File.Exists(path))
        {
            throw new RunMismatchException($"{path}: no run store here (is '{runDirectory}' the --output-dir of an edckg run?).");
        }

        return OpenFile(path, createIfMissing: false);
    }

    private static RunStore OpenFile(string path, bool createIfMissing)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = createIfMissing ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA busy_timeout = 5000;
            CREATE TABLE IF NOT EXISTS manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS documents (idx INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, text TEXT NOT NULL, source TEXT);
            CREATE TABLE IF NOT EXISTS chunks (
                doc_idx INTEGER NOT NULL, chunk_idx INTEGER NOT NULL, start_cp INTEGER NOT NULL, end_cp INTEGER NOT NULL,
                PRIMARY KEY (doc_idx, chunk_idx));
            CREATE TABLE IF NOT EXISTS stage_results (
                iteration INTEGER NOT NULL, stage TEXT NOT NULL, doc_idx INTEGER NOT NULL, chunk_idx INTEGER NOT NULL DEFAULT 0, payload TEXT NOT NULL,
                PRIMARY KEY (iteration, stage, doc_idx, chunk_idx));
            CREATE TABLE IF NOT EXISTS schema_relations (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, definition TEXT NOT NULL,
                origin TEXT NOT NULL, iteration INTEGER, doc_idx INTEGER);
            CREATE TABLE IF NOT EXISTS embeddings (
                model TEXT NOT NULL, role TEXT NOT NULL, text_hash BLOB NOT NULL, vector BLOB NOT NULL,
                PRIMARY KEY (model, role, text_hash));
            CREATE TABLE IF NOT EXISTS llm_cache (key BLOB PRIMARY KEY, response TEXT NOT NULL, finish_reason TEXT);
            CREATE TABLE IF NOT EXISTS failures (
                iteration INTEGER NOT NULL, stage TEXT NOT NULL, doc_idx INTEGER NOT NULL, chunk_idx INTEGER NOT NULL DEFAULT 0, doc_id TEXT NOT NULL, error TEXT NOT NULL,
                PRIMARY KEY (iteration, stage, doc_idx, chunk_idx));
            """);
        Execute(connection, Corrections.CorrectionStore.Schema);
        Execute(connection, EntityStore.Schema);
        if (!HasColumn(connection, "main", "llm_cache", "finish_reason"))
        {
            // Stores made before finish reasons were kept: their answers' reasons are unknown (null).
            Execute(connection, "ALTER TABLE llm_cache ADD COLUMN finish_reason TEXT");
        }

        MigrateToChunks(connection);
        MigrateToUpdates(connection);
        return new RunStore(path, connection);
    }

    /// <summary>Reads every manifest entry.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadManifestAsync(CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync("SELECT key, value FROM manifest", null, r => (Key: r.GetString(0), Value: r.GetString(1)), cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    /// <summary>Writes manifest entries (replacing those with the same keys).</summary>
    public Task WriteManifestAsync(IReadOnlyDictionary<string, string> entries, CancellationToken cancellationToken = default)
        => WithConnectionAsync(() =>
        {
            using var transaction = connection.BeginTransaction();
            foreach (var (key, value) in entries)
            {
                Execute(connection, "INSERT INTO manifest (key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value", ("$k", key), ("$v", value));
            }

            CommitPoint(transaction, "manifest");
        }, cancellationToken);

    // A store written before documents were chunked keys outputs by document alone: every output is its chunk 0.
    private static void MigrateToChunks(SqliteConnection connection)
    {
        if (!HasColumn(connection, "main", "documents", "source"))
        {
            Execute(connection, "ALTER TABLE documents ADD COLUMN source TEXT");
        }

        foreach (var (table, columns) in new[] { ("stage_results", "iteration, stage, doc_idx, payload"), ("failures", "iteration, stage, doc_idx, doc_id, error") })
        {
            if (HasColumn(connection, "main", table, "chunk_idx"))
            {
                continue;
            }

            var definition = table == "stage_results"
                ? "iteration INTEGER NOT NULL, stage TEXT NOT NULL, doc_idx INTEGER NOT NULL, chunk_idx INTEGER NOT NULL DEFAULT 0, payload TEXT NOT NULL"
                : "iteration INTEGER NOT NULL, stage TEXT NOT NULL, doc_idx INTEGER NOT NULL, chunk_idx INTEGER NOT NULL DEFAULT 0, doc_id TEXT NOT NULL, error TEXT NOT NULL";
            Execute(connection, $"""
                BEGIN;
                ALTER TABLE {table} RENAME TO {table}_by_document;
                CREATE TABLE {table} ({definition}, PRIMARY KEY (iteration, stage, doc_idx, chunk_idx));
                INSERT INTO {table} ({columns}, chunk_idx) SELECT {columns}, 0 FROM {table}_by_document;
                DROP TABLE {table}_by_document;
                COMMIT;
                """);
        }
    }

    /// <summary>
    /// Starts a run in an empty store: the manifest, the corpus and the target schema (and <paramref name="alsoWrite"/>,
    /// such as outputs a merge copies) in one transaction, so a store that holds a manifest holds all of them. A run
    /// killed while it starts leaves an empty store, and the next run starts clean.
    /// </summary>
    public Task StartRunAsync(IReadOnlyDictionary<string, string> manifest, IReadOnlyList<Document> documents, IReadOnlyList<SchemaRelation> targetSchema, PendingWrite? alsoWrite = null, CancellationToken cancellationToken = default)
        => WithConnectionAsync(() =>
        {
            var schema = new PendingWrite();
            schema.SchemaAdditions.AddRange(targetSchema.Select(r => (r, -1, -1)));
            using var transaction = connection.BeginTransaction();
            foreach (var (key, value) in manifest)
            {
                Execute(connection, "INSERT INTO manifest (key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value", ("$k", key), ("$v", value));
            }

            using (var command = connection.CreateCommand())
            {
                command.CommandText = "INSERT INTO documents (idx, id, text, source) VALUES ($i, $id, $t, $s)";
                var index = command.Parameters.Add("$i", SqliteType.Integer);
                var id = command.Parameters.Add("$id", SqliteType.Text);
                var text = command.Parameters.Add("$t", SqliteType.Text);
                var source = command.Parameters.Add("$s", SqliteType.Text);
                foreach (var document in documents)
                {
                    index.Value = document.Index;
                    id.Value = document.Id;
                    text.Value = document.Text;
                    source.Value = (object?)document.Source ?? DBNull.Value;
                    command.ExecuteNonQuery();
                }
            }

            var (responses, embeddings) = Apply(alsoWrite is null ? [schema] : [schema, alsoWrite]);
            CommitPoint(transaction, "start");
            Remember(responses, embeddings);
        }, cancellationToken);

    /// <summary>The stored corpus in corpus order (empty for a new run).</summary>
    public Task<List<Document>> LoadDocumentsAsync(CancellationToken cancellationToken = default)
        => QueryAsync(
            "SELECT idx, id, text, source FROM documents ORDER BY idx",
            null,
            r => new Document(r.GetInt32(0), r.GetString(1), r.GetString(2)) { Source = r.IsDBNull(3) ? null : r.GetString(3) },
            cancellationToken);

    /// <summary>The stored chunks of <paramref name="documents"/> in corpus and chunk order, their texts cut from the documents' (empty when none are stored).</summary>
    public async Task<List<Chunking.Chunk>> LoadChunksAsync(IReadOnlyList<Document> documents, CancellationToken cancellationToken = default)
    {
        var byIndex = documents.ToDictionary(d => d.Index);
        var rows = await QueryAsync(
            "SELECT doc_idx, chunk_idx, start_cp, end_cp FROM chunks ORDER BY doc_idx, chunk_idx",
            null,
            r => (Document: r.GetInt32(0), Chunk: r.GetInt32(1), Start: r.GetInt32(2), End: r.GetInt32(3)),
            cancellationToken).ConfigureAwait(false);
        return rows.Where(r => byIndex.ContainsKey(r.Document)).Select(r => Chunking.CodePoints.ChunkOf(byIndex[r.Document], r.Chunk, r.Start, r.End)).ToList();
    }

    /// <summary>The stored outputs of one stage in one iteration for whole documents (or their first chunks), by document index.</summary>
    public async Task<Dictionary<int, string>> LoadStageResultsAsync(int iteration, string stage, CancellationToken cancellationToken = default)
        => (await LoadItemResultsAsync(iteration, stage, cancellationToken).ConfigureAwait(false))
            .Where(r => r.Key.ChunkIndex == 0)
            .ToDictionary(r => r.Key.DocumentIndex, r => r.Value);

    /// <summary>The stored outputs of one stage in one iteration, by item (document and chunk).</summary>
    public async Task<Dictionary<ItemKey, string>> LoadItemResultsAsync(int iteration, string stage, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync(
            "SELECT doc_idx, chunk_idx, payload FROM stage_results WHERE iteration = $it AND stage = $st",
            [("$it", iteration), ("$st", stage)],
            r => (new ItemKey(r.GetInt32(0), r.GetInt32(1)), r.GetString(2)),
            cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Item1, r => r.Item2);
    }

    /// <summary>The iterations that have at least one stored output of <paramref name="stage"/>.</summary>
    public Task<List<int>> LoadIterationsAsync(string stage, CancellationToken cancellationToken = default)
        => QueryAsync("SELECT DISTINCT iteration FROM stage_results WHERE stage = $st ORDER BY iteration", [("$st", stage)], r => r.GetInt32(0), cancellationToken);

    /// <summary>The schema in the order relations joined it (target relations first, as read).</summary>
    public Task<List<SchemaRelation>> LoadSchemaAsync(CancellationToken cancellationToken = default)
        => QueryAsync(
            "SELECT name, definition, origin FROM schema_relations ORDER BY seq",
            null,
            r => new SchemaRelation(r.GetString(0), r.GetString(1), Enum.Parse<RelationOrigin>(r.GetString(2))),
            cancellationToken);

    /// <summary>The documents whose stage failed and has not been done since, in (iteration, stage, corpus) order.</summary>
    public Task<List<DocumentFailure>> LoadFailuresAsync(CancellationToken cancellationToken = default)
        => QueryAsync(
            "SELECT iteration, stage, doc_idx, doc_id, error, chunk_idx FROM failures ORDER BY iteration, stage, doc_idx, chunk_idx",
            null,
            r => new DocumentFailure(r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetString(4)) { ChunkIndex = r.GetInt32(5) },
            cancellationToken);

    /// <summary>
    /// Copies the cached LLM responses and embeddings of the store file <paramref name="otherStorePath"/> into this
    /// store (keeping entries already here), so that questions another run already asked are answered from the cache.
    /// </summary>
    public Task ImportCachesAsync(string otherStorePath, CancellationToken cancellationToken = default)
        => WithConnectionAsync(() =>
        {
            Execute(connection, "ATTACH DATABASE $p AS other", ("$p", otherStorePath));
            try
            {
                using (var transaction = connection.BeginTransaction())
                {
                    Execute(connection, HasColumn(connection, "other", "llm_cache", "finish_reason")
                        ? "INSERT OR IGNORE INTO llm_cache (key, response, finish_reason) SELECT key, response, finish_reason FROM other.llm_cache"
                        : "INSERT OR IGNORE INTO llm_cache (key, response) SELECT key, response FROM other.llm_cache");
                    Execute(connection, "INSERT OR IGNORE INTO embeddings (model, role, text_hash, vector) SELECT model, role, text_hash, vector FROM other.embeddings");
                    CommitPoint(transaction, "caches");
                }
            }
            finally
            {
                Execute(connection, "DETACH DATABASE other");
            }

            var responses = LoadKeys("SELECT key FROM llm_cache", r => Convert.ToHexString((byte[])r[0]));
            var embeddings = LoadKeys("SELECT model, role, text_hash FROM embeddings", r => EmbeddingKey((string)r[0], (string)r[1], (byte[])r[2]));
            lock (keysLock)
            {
                cachedResponseKeys.UnionWith(responses);
                cachedEmbeddingKeys.UnionWith(embeddings);
            }
        }, cancellationToken);

    /// <summary>The finished response cached under <paramref name="key"/>, or null; cheap when there is none.</summary>
    public async Task<CachedResponse?> TryGetCachedResponseAsync(byte[] key, CancellationToken cancellationToken = default)
    {
        lock (keysLock)
        {
            if (!cachedResponseKeys.Contains(Convert.ToHexString(key)))
            {
                return null;
            }
        }

        var rows = await QueryAsync(
            "SELECT response, finish_reason FROM llm_cache WHERE key = $k",
            [("$k", key)],
            r => new CachedResponse(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)),
            cancellationToken).ConfigureAwait(false);
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary>A stored embedding, or null.</summary>
    public async Task<float[]?> TryGetEmbeddingAsync(string model, string role, byte[] textHash, CancellationToken cancellationToken = default)
    {
        lock (keysLock)
        {
            if (!cachedEmbeddingKeys.Contains(EmbeddingKey(model, role, textHash)))
            {
                return null;
            }
        }

        var rows = await QueryAsync(
            "SELECT vector FROM embeddings WHERE model = $m AND role = $r AND text_hash = $h",
            [("$m", model), ("$r", role), ("$h", textHash)],
            r => MemoryMarshal.Cast<byte, float>((byte[])r[0]).ToArray(),
            cancellationToken).ConfigureAwait(false);
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary>The dimension of the embeddings stored for <paramref name="model"/>, or null when there are none.</summary>
    public async Task<int?> StoredEmbeddingDimensionAsync(string model, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync("SELECT length(vector) FROM embeddings WHERE model = $m LIMIT 1", [("$m", model)], r => r.GetInt32(0) / sizeof(float), cancellationToken).ConfigureAwait(false);
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary>Queues <paramref name="write"/> and completes once it is committed to the file.</summary>
    public Task WriteAsync(PendingWrite write, CancellationToken cancellationToken = default)
    {
        if (write.IsEmpty)
        {
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite((write, done)))
        {
            throw new ObjectDisposedException(nameof(RunStore));
        }

        // The write is committed even if the caller stops waiting: cancellation only stops the wait.
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Flushes pending writes and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await writerLoop.ConfigureAwait(false);
        connection.Dispose();
        gate.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<(PendingWrite Write, TaskCompletionSource Done)>();
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < 4096 && queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                await gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    Commit(batch.Select(b => b.Write));
                }
                finally
                {
                    gate.Release();
                }

                foreach (var (_, done) in batch)
                {
                    done.TrySetResult();
                }
            }
            catch (Exception e)
            {
                foreach (var (_, done) in batch)
                {
                    done.TrySetException(e);
                }
            }
        }
    }

    private void Commit(IEnumerable<PendingWrite> writes)
    {
        using var transaction = connection.BeginTransaction();
        var (responses, embeddings) = Apply(writes);
        CommitPoint(transaction, "writes");
        Remember(responses, embeddings);
    }

    /// <summary>Commits <paramref name="transaction"/>, after the test hook (<see cref="BeforeCommit"/>) had its say.</summary>
    private void CommitPoint(SqliteTransaction transaction, string point)
    {
        BeforeCommit?.Invoke(point);
        transaction.Commit();
    }

    private void Remember(List<string> responseKeys, List<string> embeddingKeys)
    {
        lock (keysLock)
        {
            cachedResponseKeys.UnionWith(responseKeys);
            cachedEmbeddingKeys.UnionWith(embeddingKeys);
        }
    }

    /// <summary>Runs the statements of <paramref name="writes"/> in the open transaction; returns the new cache keys.</summary>
    private (List<string> ResponseKeys, List<string> EmbeddingKeys) Apply(IEnumerable<PendingWrite> writes)
    {
        using var stage = Prepare("INSERT OR REPLACE INTO stage_results (iteration, stage, doc_idx, chunk_idx, payload) VALUES ($a, $b, $c, $d, $e)", 5);
        using var chunk = Prepare("INSERT OR REPLACE INTO chunks (doc_idx, chunk_idx, start_cp, end_cp) VALUES ($a, $b, $c, $d)", 4);
        using var schema = Prepare("INSERT OR IGNORE INTO schema_relations (name, definition, origin, iteration, doc_idx) VALUES ($a, $b, $c, $d, $e)", 5);
        using var cache = Prepare("INSERT OR REPLACE INTO llm_cache (key, response, finish_reason) VALUES ($a, $b, $c)", 3);
        using var embedding = Prepare("INSERT OR REPLACE INTO embeddings (model, role, text_hash, vector) VALUES ($a, $b, $c, $d)", 4);
        using var failure = Prepare("INSERT OR REPLACE INTO failures (iteration, stage, doc_idx, chunk_idx, doc_id, error) VALUES ($a, $b, $c, $d, $e, $f)", 6);
        using var cleared = Prepare("DELETE FROM failures WHERE iteration = $a AND stage = $b AND doc_idx = $c AND chunk_idx = $d", 4);
        var newResponseKeys = new List<string>();
        var newEmbeddingKeys = new List<string>();
        foreach (var write in writes)
        {
            foreach (var (iteration, name, documentIndex, payload) in write.StageResults)
            {
                Run(stage, iteration, name, documentIndex, 0, payload);
                Run(cleared, iteration, name, documentIndex, 0);
            }

            foreach (var (iteration, name, key, payload) in write.ItemResults)
            {
                Run(stage, iteration, name, key.DocumentIndex, key.ChunkIndex, payload);
                Run(cleared, iteration, name, key.DocumentIndex, key.ChunkIndex);
            }

            foreach (var c in write.Chunks)
            {
                Run(chunk, c.DocumentIndex, c.Index, c.Start, c.End);
            }

            foreach (var f in write.Failures)
            {
                Run(failure, f.Iteration, f.Stage, f.DocumentIndex, f.ChunkIndex, f.DocumentId, f.Error);
            }

            foreach (var (relation, iteration, documentIndex) in write.SchemaAdditions)
            {
                Run(schema, relation.Name, relation.Definition, relation.Origin.ToString(),
                    iteration < 0 ? DBNull.Value : iteration, documentIndex < 0 ? DBNull.Value : documentIndex);
            }

            foreach (var (key, response, finishReason) in write.CachedResponses)
            {
                Run(cache, key, response, finishReason is null ? DBNull.Value : finishReason);
                newResponseKeys.Add(Convert.ToHexString(key));
            }

            foreach (var (model, role, hash, vector) in write.Embeddings)
            {
                Run(embedding, model, role, hash, MemoryMarshal.AsBytes(vector.AsSpan()).ToArray());
                newEmbeddingKeys.Add(EmbeddingKey(model, role, hash));
            }
        }

        return (newResponseKeys, newEmbeddingKeys);
    }

    private SqliteCommand Prepare(string sql, int parameterCount)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameterCount; i++)
        {
            command.Parameters.Add(new SqliteParameter("$" + (char)('a' + i), null));
        }

        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }

    private async Task WithConnectionAsync(Action action, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            action();
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<List<T>> QueryAsync<T>(string sql, (string Name, object Value)[]? parameters, Func<SqliteDataReader, T> map, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters ?? [])
            {
                command.Parameters.AddWithValue(name, value);
            }

            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(map(reader));
            }

            return rows;
        }
        finally
        {
            gate.Release();
        }
    }

    private HashSet<string> LoadKeys(string sql, Func<SqliteDataReader, string> key)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            keys.Add(key(reader));
        }

        return keys;
    }

    private static bool HasColumn(SqliteConnection connection, string schema, string table, string column)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT 1 FROM pragma_table_info($t, $s) WHERE name = $c";
        command.Parameters.AddWithValue("$t", table);
        command.Parameters.AddWithValue("$s", schema);
        command.Parameters.AddWithValue("$c", column);
        return command.ExecuteScalar() is not null;
    }

    private static string EmbeddingKey(string model, string role, byte[] hash)
        => string.Create(CultureInfo.InvariantCulture, $"{model}\u0001{role}\u0001{Convert.ToHexString(hash)}");

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
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
