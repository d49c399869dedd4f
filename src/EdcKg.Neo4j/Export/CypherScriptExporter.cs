using System.Text;
using EdcKg.Core.Domain;
using EdcKg.Core.Outputs;
using EdcKg.Neo4j.Graph;

namespace EdcKg.Neo4j.Export;

/// <summary>
/// Writes a run as a <c>.cypher</c> script for <c>cypher-shell -f</c>: the constraints, then the same MERGE statements
/// the Query API writer sends, with the rows as literals, one statement per line. Running it twice changes nothing.
/// </summary>
public static class CypherScriptExporter
{
    /// <summary>Rows per statement unless told otherwise.</summary>
    public const int DefaultBatchSize = 500;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="snapshot"/> to <paramref name="path"/> atomically and returns the number of statements.</summary>
    public static async Task<int> ExportAsync(RunSnapshot snapshot, string path, int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var statements = 0;
        await AtomicFile.WriteAsync(path, async stream =>
        {
            var writer = new StreamWriter(stream, Utf8, 1 << 16, leaveOpen: true) { NewLine = "\n" };
            await using (writer.ConfigureAwait(false))
            {
                await writer.WriteLineAsync($"// Knowledge graph of EdcKg run {snapshot.RunId.Replace('\n', ' ')}: {snapshot.Documents.Count} documents, {snapshot.Relations.Count} relations, {snapshot.Triples.Count} triples.".AsMemory(), cancellationToken).ConfigureAwait(false);
                await writer.WriteLineAsync("// Load with: cypher-shell -d <database> -f <this file>. MERGE-only: running it again changes nothing.".AsMemory(), cancellationToken).ConfigureAwait(false);
                foreach (var statement in Statements(snapshot, batchSize))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await writer.WriteAsync(statement.AsMemory(), cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(";\n".AsMemory(), cancellationToken).ConfigureAwait(false);
                    statements++;
                }
            }
        }).ConfigureAwait(false);
        return statements;
    }

    /// <summary>
    /// The script's statements, without terminators: constraints, documents, chunks, relations, relationships, mentions, and the
    /// deletion of relationships its documents had from earlier iterations.
    /// </summary>
    public static IEnumerable<string> Statements(RunSnapshot snapshot, int batchSize, string? graph = null)
    {
        graph ??= snapshot.RunId;
        foreach (var constraint in GraphStatements.Constraints)
        {
            yield return constraint;
        }

        foreach (var chunk in snapshot.Documents.Chunk(batchSize))
        {
            yield return GraphStatements.Documents(List(chunk.Select(d => GraphStatements.DocumentRow(graph, d))));
        }

        foreach (var chunk in snapshot.Chunks.Chunk(batchSize))
        {
            yield return GraphStatements.Chunks(List(chunk.Select(c => GraphStatements.ChunkRow(graph, c))));
        }

        foreach (var chunk in snapshot.Relations.Chunk(batchSize))
        {
            yield return GraphStatements.Relations(List(chunk.Select(r => GraphStatements.RelationRow(graph, r))));
        }

        // Rows stream through in chunks; within a chunk there is one statement per relationship type.
        var rows = snapshot.Triples.Select(t => RelationshipRow.From(snapshot.RunId, t, graph)).OfType<RelationshipRow>();
        foreach (var chunk in rows.Chunk(batchSize))
        {
            foreach (var group in chunk.GroupBy(r => r.Type, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                yield return GraphStatements.Relationships(group.Key, List(group.Select(r => r.ToParameters())));
            }
        }

        foreach (var chunk in snapshot.Triples.SelectMany(t => RelationshipRow.MentionRows(graph, snapshot.RunId, t)).Chunk(batchSize))
        {
            yield return GraphStatements.Mentions(List(chunk));
        }

        foreach (var chunk in GraphBatch.Of(snapshot, graph).SupersededRows().Chunk(batchSize))
        {
            yield return GraphStatements.SupersededRelationships(List(chunk));
        }

        foreach (var chunk in GraphBatch.Of(snapshot).CorrectedRows().Chunk(batchSize))
        {
            yield return GraphStatements.CorrectedRelationships(List(chunk));
        }
    }

    private static string List(IEnumerable<IReadOnlyDictionary<string, object?>> rows) =>
        "[" + string.Join(", ", rows.Select(CypherLiteral.Map)) + "]";
}
