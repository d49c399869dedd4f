using System.Globalization;
using System.Text.Json;
using EdcKg.Core.Chunking;
using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;
using Microsoft.Data.Sqlite;

namespace EdcKg.Core.Storage;

public sealed partial class RunStore
{
    /// <summary>The table of updates applied to a run (<c>edckg run --update</c>), oldest first.</summary>
    internal const string UpdatesSchema = """
        CREATE TABLE IF NOT EXISTS updates (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, unchanged INTEGER NOT NULL, changed INTEGER NOT NULL,
            added INTEGER NOT NULL, removed INTEGER NOT NULL, details TEXT NOT NULL, manifest TEXT NOT NULL);
        """;

    /// <summary>
    /// Turns the stored run into one over <paramref name="corpus"/>, in one transaction, so a kill leaves either the old
    /// run or the updated one: the outputs of unchanged documents move to their new corpus positions, those of changed
    /// and removed documents are deleted (with their failures and entity mentions), and the documents, chunks and
    /// manifest are replaced. Outputs of refinement iterations are deleted for every document, since their hints
    /// draw on the whole corpus; their model calls are answered by the cache where the prompts did not change.
    /// Relations that self-canonicalization added for removed documents stay in the schema (later documents may have
    /// aligned to them) and are marked retired. The update is recorded with its time and the ids it touched.
    /// </summary>
    public Task ApplyUpdateAsync(
        IReadOnlyList<Document> corpus, IReadOnlyList<Chunk> chunks, CorpusChanges changes, IReadOnlyDictionary<string, string> manifest, DateTimeOffset at, CancellationToken cancellationToken = default)
        => WithConnectionAsync(() =>
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, "CREATE TEMP TABLE IF NOT EXISTS kept (old INTEGER PRIMARY KEY, new INTEGER NOT NULL); DELETE FROM kept;");
            Execute(connection, "CREATE TEMP TABLE IF NOT EXISTS gone (old INTEGER PRIMARY KEY); DELETE FROM gone;");
            using (var kept = Prepare("INSERT INTO kept (old, new) VALUES ($a, $b)", 2))
            {
                foreach (var (storedIndex, document) in changes.Unchanged)
                {
                    Run(kept, storedIndex, document.Index);
                }
            }

            using (var gone = Prepare("INSERT INTO gone (old) VALUES ($a)", 1))
            {
                foreach (var removed in changes.Removed)
                {
                    Run(gone, removed.Index);
                }
            }

            // Keyed tables move in two steps (to negative indices, then back) so no moved row meets one not yet moved.
            foreach (var table in new[] { "stage_results", "failures", "entity_mentions", "entity_decisions" })
            {
                var refinedOnly = table == "stage_results" ? " OR iteration > 0" : string.Empty;
                Execute(connection, $"DELETE FROM {table} WHERE doc_idx NOT IN (SELECT old FROM kept){refinedOnly}");
                Execute(connection, $"UPDATE {table} SET doc_idx = -1 - (SELECT new FROM kept WHERE old = {table}.doc_idx)");
                Execute(connection, $"UPDATE {table} SET doc_idx = -1 - doc_idx");
            }

            // Entities are rebuilt from the mentions that remain; the resolution stage adds the new documents' mentions.
            Execute(connection, "DELETE FROM entities");

            // Relations keep the position of the document that introduced them; a removed document's ones retire.
            Execute(connection, "UPDATE schema_relations SET retired = 1, doc_idx = NULL WHERE doc_idx IN (SELECT old FROM gone)");
            using (var moved = Prepare("UPDATE schema_relations SET doc_idx = $b WHERE doc_idx = $a AND retired = 0", 2))
            {
                Execute(connection, "UPDATE schema_relations SET doc_idx = -1 - doc_idx WHERE retired = 0 AND doc_idx IS NOT NULL");
                foreach (var (storedIndex, document) in changes.Unchanged.Concat(changes.Changed))
                {
                    Run(moved, -1 - storedIndex, document.Index);
                }
            }

            Execute(connection, "DELETE FROM documents; DELETE FROM chunks;");
            using (var insert = Prepare("INSERT INTO documents (idx, id, text, source) VALUES ($a, $b, $c, $d)", 4))
            {
                foreach (var document in corpus)
                {
                    Run(insert, document.Index, document.Id, document.Text, (object?)document.Source ?? DBNull.Value);
                }
            }

            using (var chunk = Prepare("INSERT INTO chunks (doc_idx, chunk_idx, start_cp, end_cp) VALUES ($a, $b, $c, $d)", 4))
            {
                foreach (var c in chunks)
                {
                    Run(chunk, c.DocumentIndex, c.Index, c.Start, c.End);
                }
            }

            using (var entry = Prepare("INSERT INTO manifest (key, value) VALUES ($a, $b) ON CONFLICT(key) DO UPDATE SET value = excluded.value", 2))
            {
                foreach (var (key, value) in manifest)
                {
                    Run(entry, key, value);
                }
            }

            var details = JsonSerializer.Serialize(new
            {
                changed = changes.Changed.Select(c => c.Document.Id),
                added = changes.Added.Select(d => d.Id),
                removed = changes.Removed.Select(d => d.Id),
            });
            using (var history = Prepare("INSERT INTO updates (at, unchanged, changed, added, removed, details, manifest) VALUES ($a, $b, $c, $d, $e, $f, $g)", 7))
            {
                Run(history, at.ToString("O", CultureInfo.InvariantCulture), changes.Unchanged.Count, changes.Changed.Count, changes.Added.Count, changes.Removed.Count, details, JsonSerializer.Serialize(manifest));
            }

            transaction.Commit();
        }, cancellationToken);

    /// <summary>The updates applied to this run, oldest first.</summary>
    public Task<List<RunUpdate>> LoadUpdatesAsync(CancellationToken cancellationToken = default)
        => QueryAsync(
            "SELECT seq, at, unchanged, changed, added, removed, details FROM updates ORDER BY seq",
            null,
            r => new RunUpdate(r.GetInt32(0), DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetString(6)),
            cancellationToken);

    /// <summary>The names of the relations marked retired by updates (introduced only by documents since removed).</summary>
    public Task<List<string>> LoadRetiredRelationsAsync(CancellationToken cancellationToken = default)
        => QueryAsync("SELECT name FROM schema_relations WHERE retired = 1 ORDER BY seq", null, r => r.GetString(0), cancellationToken);

    private static void MigrateToUpdates(SqliteConnection connection)
    {
        Execute(connection, UpdatesSchema);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('schema_relations') WHERE name = 'retired'";
        if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            Execute(connection, "ALTER TABLE schema_relations ADD COLUMN retired INTEGER NOT NULL DEFAULT 0");
        }
    }
}
