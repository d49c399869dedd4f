using EdcKg.Core.Domain;
using EdcKg.Neo4j.QueryApi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdcKg.Neo4j.Graph;

/// <summary>
/// Writes runs into Neo4j through the Query API: batched <c>UNWIND $rows … MERGE</c> statements, one per relationship
/// type and batch, several statements per explicit transaction. Idempotent: a batch written twice (or retried after a
/// transient failure) leaves the graph as one write would.
/// </summary>
public sealed class GraphWriter(QueryApiClient client, ILogger? logger = null)
{
    /// <summary>How many statements share one explicit transaction.</summary>
    public const int StatementsPerTransaction = 8;

    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Creates the uniqueness constraints if they are missing (each in its own implicit transaction, as schema changes must be).</summary>
    public async Task<QueryCounters> EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        var total = QueryCounters.None;
        foreach (var constraint in GraphStatements.Constraints)
        {
            total = total.Add((await client.RunAsync(new CypherStatement(constraint), cancellationToken).ConfigureAwait(false)).Counters);
        }

        return total;
    }

    /// <summary>Writes a whole run: constraints, documents, schema relations and every canonical triple.</summary>
    public async Task<QueryCounters> WriteSnapshotAsync(RunSnapshot snapshot, CancellationToken cancellationToken = default, string? graph = null)
    {
        var schema = await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        return schema.Add(await WriteAsync(GraphBatch.Of(snapshot, graph), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Deletes the relationships, chunks and document nodes of documents <paramref name="documentIds"/> of
    /// <paramref name="graph"/>, then the entities left with no relationship, in batched transactions; repeating it
    /// after a failure part-way deletes the rest.
    /// </summary>
    public Task<QueryCounters> RetireDocumentsAsync(string graph, IReadOnlyList<string> documentIds, CancellationToken cancellationToken = default)
        => RunAsync(RetireStatements(graph, documentIds, client.Settings.BatchSize), cancellationToken);

    /// <summary>The statements of <see cref="RetireDocumentsAsync"/>: relationships, then documents with chunks, per batch; orphans last.</summary>
    public static IReadOnlyList<CypherStatement> RetireStatements(string graph, IReadOnlyList<string> documentIds, int batchSize)
    {
        var statements = new List<CypherStatement>();
        foreach (var chunk in documentIds.Chunk(batchSize))
        {
            var rows = chunk.Select(id => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["graph"] = graph, ["id"] = id }).ToList();
            statements.Add(Rows(GraphStatements.RetiredRelationships(), rows));
            statements.Add(Rows(GraphStatements.RetiredDocuments(), rows));
        }

        statements.Add(new CypherStatement(GraphStatements.OrphanEntities));
        return statements;
    }

    /// <summary>Writes one batch (documents, relations, triples) and returns what changed in the graph.</summary>
    public async Task<QueryCounters> WriteAsync(GraphBatch batch, CancellationToken cancellationToken = default)
    {
        var statements = Statements(batch, client.Settings.BatchSize, out var skipped);
        if (skipped > 0)
        {
            _logger.LogWarning("{Skipped} triples of run {RunId} have an empty subject or object and were not written.", skipped, batch.RunId);
        }

        return await RunAsync(statements, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="statements"/> in order, <see cref="StatementsPerTransaction"/> to a transaction.</summary>
    private async Task<QueryCounters> RunAsync(IReadOnlyList<CypherStatement> statements, CancellationToken cancellationToken)
    {
        var total = QueryCounters.None;
        foreach (var group in statements.Chunk(StatementsPerTransaction))
        {
            total = total.Add(await client.RunInTransactionAsync(
                async (transaction, ct) =>
                {
                    var counters = QueryCounters.None;
                    foreach (var statement in group)
                    {
                        counters = counters.Add((await transaction.RunAsync(statement, ct).ConfigureAwait(false)).Counters);
                    }

                    return counters;
                },
                cancellationToken).ConfigureAwait(false));
        }

        return total;
    }

    /// <summary>
    /// The statements that write <paramref name="batch"/>, in order: documents, chunks, relations, relationships by type,
    /// the chunks' mentions of entities, then the deletion of relationships the batch's documents had from earlier iterations.
    /// </summary>
    public static IReadOnlyList<CypherStatement> Statements(GraphBatch batch, int batchSize, out int skipped)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var statements = new List<CypherStatement>();
        foreach (var chunk in batch.Documents.Chunk(batchSize))
        {
            statements.Add(Rows(GraphStatements.Documents(), chunk.Select(d => GraphStatements.DocumentRow(batch.Graph, d))));
        }

        foreach (var chunk in batch.Chunks.Chunk(batchSize))
        {
            statements.Add(Rows(GraphStatements.Chunks(), chunk.Select(c => GraphStatements.ChunkRow(batch.Graph, c))));
        }

        foreach (var chunk in batch.Relations.Chunk(batchSize))
        {
            statements.Add(Rows(GraphStatements.Relations(), chunk.Select(r => GraphStatements.RelationRow(batch.Graph, r))));
        }

        skipped = 0;
        var byType = new SortedDictionary<string, List<RelationshipRow>>(StringComparer.Ordinal);
        foreach (var triple in batch.Triples)
        {
            if (RelationshipRow.From(batch.RunId, triple, batch.Graph) is not { } row)
            {
                skipped++;
                continue;
            }

            if (!byType.TryGetValue(row.Type, out var rows))
            {
                byType[row.Type] = rows = [];
            }

            rows.Add(row);
        }

        foreach (var (type, rows) in byType)
        {
            foreach (var chunk in rows.Chunk(batchSize))
            {
                statements.Add(Rows(GraphStatements.Relationships(type), chunk.Select(r => r.ToParameters())));
            }
        }

        foreach (var chunk in batch.Triples.SelectMany(t => RelationshipRow.MentionRows(batch.Graph, batch.RunId, t)).Chunk(batchSize))
        {
            statements.Add(Rows(GraphStatements.Mentions(), chunk));
        }

        foreach (var chunk in (batch.Entities is { } entities ? ResolvedEntityRows.Rows(batch.RunId, entities) : []).Chunk(batchSize))
        {
            statements.Add(Rows(ResolvedEntityRows.Statement(), chunk));
        }

        foreach (var chunk in batch.SupersededRows().Chunk(batchSize))
        {
            statements.Add(Rows(GraphStatements.SupersededRelationships(), chunk));
        }

        // After the merges, so the corrected triples exist and only what the corrections retired goes.
        foreach (var chunk in batch.CorrectedRows().Chunk(batchSize))
        {
            statements.Add(Rows(GraphStatements.CorrectedRelationships(), chunk));
        }

        return statements;
    }

    private static CypherStatement Rows(string text, IEnumerable<IReadOnlyDictionary<string, object?>> rows) =>
        new(text, new Dictionary<string, object?> { ["rows"] = rows.ToList() });
}
