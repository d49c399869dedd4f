using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using EdcKg.Core.Chunking;
using EdcKg.Core.Domain;
using EdcKg.Core.Outputs;
using EdcKg.Neo4j.Graph;

namespace EdcKg.Neo4j.Export;

/// <summary>
/// Writes a run as CSV files for <c>neo4j-admin database import full</c> (the fastest way to load a large graph into
/// an empty database), with the same graph model as the Query API writer, plus the exact command. Triples stream
/// through: memory grows with the number of distinct entities, not with the number of triples.
/// </summary>
public static class BulkImportExporter
{
    /// <summary>File names inside the output folder.</summary>
    public const string EntitiesFile = "entities.csv", DocumentsFile = "documents.csv", RelationsFile = "relations.csv",
        RelationshipsFile = "relationships.csv", ChunksFile = "chunks.csv", HasChunkFile = "has_chunk.csv", MentionsFile = "mentions.csv",
        CommandFile = "import-command.txt";

    /// <summary>The header row of each file, in neo4j-admin's header format.</summary>
    public static readonly IReadOnlyList<string> EntityHeader = ["key:ID(Entity)", "name", ":LABEL"],
        DocumentHeader = [":ID(Document)", "graph", "id", "index:int", "source", "text", ":LABEL"],
        ChunkHeader = [":ID(Chunk)", "graph", "id", "documentId", "index:int", "start:int", "end:int", "text", ":LABEL"],
        HasChunkHeader = [":START_ID(Document)", ":END_ID(Chunk)", ":TYPE"],
        MentionHeader = [":START_ID(Chunk)", ":END_ID(Entity)", ":TYPE", "start:int", "end:int"],
        RelationHeader = [":ID(Relation)", "graph", "name", "definition", "origin", ":LABEL"],
        RelationshipHeader = [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "relation", "graph", "runId", "documentId", "documentIndex:int", "iteration:int", "openRelation", "decision", "score:float",
            "chunk:int", "chunkStart:int", "chunkEnd:int", "chunks:int[]", "subjectStart:int", "subjectEnd:int", "objectStart:int", "objectEnd:int", "truncated:boolean"];

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes a whole run snapshot into <paramref name="directory"/>.</summary>
    public static Task<BulkImportFiles> ExportAsync(RunSnapshot snapshot, string directory, string database = "neo4j", CancellationToken cancellationToken = default, string? graph = null) =>
        ExportAsync(snapshot.RunId, snapshot.Documents, snapshot.Relations, snapshot.Triples, directory, database, cancellationToken, snapshot.Chunks, graph);

    /// <summary>
    /// Writes the files, each atomically (a temporary file renamed into place). Triples of one document are expected
    /// together, as a run lists them; a triple repeated within its document becomes one relationship.
    /// </summary>
    public static async Task<BulkImportFiles> ExportAsync(
        string runId,
        IEnumerable<Document> documents,
        IEnumerable<SchemaRelation> relations,
        IEnumerable<CanonicalTriple> triples,
        string directory,
        string database = "neo4j",
        CancellationToken cancellationToken = default,
        IEnumerable<Chunk>? chunks = null,
        string? graph = null)
    {
        graph ??= runId;
        Directory.CreateDirectory(directory);
        await WriteCsvAsync(Path.Combine(directory, DocumentsFile), DocumentHeader, csv =>
        {
            foreach (var document in documents)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Row(csv, ImportId(graph, document.Id), graph, document.Id, document.Index.ToString(CultureInfo.InvariantCulture), document.Source ?? string.Empty, document.Text, "Document");
            }
        }).ConfigureAwait(false);

        await WriteCsvAsync(Path.Combine(directory, ChunksFile), ChunkHeader, csv =>
            WriteCsvAsync(Path.Combine(directory, HasChunkFile), HasChunkHeader, links =>
            {
                foreach (var chunk in chunks ?? [])
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Row(csv, ImportId(graph, chunk.Id), graph, chunk.Id, chunk.DocumentId, Int(chunk.Index), Int(chunk.Start), Int(chunk.End), chunk.Text, "Chunk");
                    Row(links, ImportId(graph, chunk.DocumentId), ImportId(graph, chunk.Id), "HAS_CHUNK");
                }

                return Task.CompletedTask;
            })).ConfigureAwait(false);

        await WriteCsvAsync(Path.Combine(directory, RelationsFile), RelationHeader, csv =>
        {
            foreach (var relation in relations.DistinctBy(r => r.Name, StringComparer.Ordinal))
            {
                Row(csv, ImportId(graph, relation.Name), graph, relation.Name, relation.Definition, relation.Origin.ToString(), "Relation");
            }
        }).ConfigureAwait(false);

        long entityCount = 0, relationshipCount = 0, skipped = 0;
        // Entities and relationships are written in one pass over the triples so that they can stream.
        await WriteCsvAsync(Path.Combine(directory, EntitiesFile), EntityHeader, entities =>
            WriteCsvAsync(Path.Combine(directory, RelationshipsFile), RelationshipHeader, relationships =>
            WriteCsvAsync(Path.Combine(directory, MentionsFile), MentionHeader, mentions =>
            {
                var seenMentions = new HashSet<(string, string)>();
                var seenEntities = new HashSet<string>(StringComparer.Ordinal);
                var seenInDocument = new HashSet<(string, string, string, string, int)>();
                (string DocumentId, int Iteration) current = (string.Empty, -1);
                foreach (var triple in triples)
                {
                    if ((relationshipCount & 0xFFF) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    if (RelationshipRow.From(runId, triple, graph) is not { } row)
                    {
                        skipped++;
                        continue;
                    }

                    if (current != (row.DocumentId, row.Iteration))
                    {
                        current = (row.DocumentId, row.Iteration);
                        seenInDocument.Clear();
                    }

                    if (!seenInDocument.Add((row.SubjectKey, row.Relation, row.ObjectKey, row.DocumentId, row.Iteration)))
                    {
                        continue;
                    }

                    if (seenEntities.Add(row.SubjectKey))
                    {
                        Row(entities, row.SubjectKey, row.Subject, "Entity");
                        entityCount++;
                    }

                    if (seenEntities.Add(row.ObjectKey))
                    {
                        Row(entities, row.ObjectKey, row.Object, "Entity");
                        entityCount++;
                    }

                    var first = row.FirstOccurrence;
                    Row(relationships,
                        row.SubjectKey, row.ObjectKey, row.Type, row.Relation, row.Graph, row.RunId, row.DocumentId,
                        row.DocumentIndex.ToString(CultureInfo.InvariantCulture), row.Iteration.ToString(CultureInfo.InvariantCulture),
                        row.OpenRelation, row.Decision, row.Score?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty,
                        Int(first?.ChunkIndex), Int(first?.ChunkStart), Int(first?.ChunkEnd), first is null ? string.Empty : string.Join(';', row.Chunks.Select(Int)),
                        Int(first?.SubjectSpan?.Start), Int(first?.SubjectSpan?.End), Int(first?.ObjectSpan?.Start), Int(first?.ObjectSpan?.End),
                        row.Truncated ? "true" : "false");
                    relationshipCount++;
                    foreach (var mention in RelationshipRow.MentionRows(graph, runId, triple))
                    {
                        var (chunkId, key) = ((string)mention["chunkId"]!, (string)mention["key"]!);
                        if (seenMentions.Add((chunkId, key)))
                        {
                            Row(mentions, ImportId(graph, chunkId), key, "MENTIONS", Int((int?)mention["start"]), Int((int?)mention["end"]));
                        }
                    }
                }

                return Task.CompletedTask;
            }))).ConfigureAwait(false);

        var command = ImportCommand(database);
        var commandPath = Path.Combine(directory, CommandFile);
        await AtomicFile.WriteAllTextAsync(commandPath, CommandFileText(command), cancellationToken).ConfigureAwait(false);
        string[] files = [EntitiesFile, DocumentsFile, ChunksFile, RelationsFile, RelationshipsFile, HasChunkFile, MentionsFile, CommandFile];
        return new BulkImportFiles(directory, files.Select(f => Path.Combine(directory, f)).ToList(), entityCount, relationshipCount, skipped, command);
    }

    /// <summary>
    /// The import command, run from the folder holding the files. <c>--multiline-fields</c> because document texts
    /// and names may hold line breaks inside quoted fields.
    /// </summary>
    public static string ImportCommand(string database) =>
        $"neo4j-admin database import full {database} --nodes={EntitiesFile} --nodes={DocumentsFile} --nodes={ChunksFile} --nodes={RelationsFile} "
        + $"--relationships={RelationshipsFile} --relationships={HasChunkFile} --relationships={MentionsFile} --multiline-fields=true";

    private static string CommandFileText(string command)
    {
        var text = new StringBuilder();
        text.Append("# Import into a new, empty database (stop it first; Neo4j 5.19 or later syntax), from this folder:\n");
        text.Append(command).Append('\n');
        text.Append("# Then start the database and create the constraints the Query API writer relies on (cypher-shell):\n");
        foreach (var constraint in GraphStatements.Constraints)
        {
            text.Append(constraint).Append(";\n");
        }

        return text.ToString();
    }

    // Import ids only join the files; a JSON pair cannot make two (graph, id) pairs collide.
    private static string ImportId(string graph, string id) => System.Text.Json.JsonSerializer.Serialize(new[] { graph, id });

    private static string Int(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Row(CsvWriter csv, params string[] fields)
    {
        foreach (var field in fields)
        {
            csv.WriteField(field);
        }

        csv.NextRecord();
    }

    private static Task WriteCsvAsync(string path, IReadOnlyList<string> header, Action<CsvWriter> rows) =>
        WriteCsvAsync(path, header, csv =>
        {
            rows(csv);
            return Task.CompletedTask;
        });

    private static Task WriteCsvAsync(string path, IReadOnlyList<string> header, Func<CsvWriter, Task> rows) =>
        AtomicFile.WriteAsync(path, async stream =>
        {
            var writer = new StreamWriter(stream, Utf8, 1 << 16, leaveOpen: true);
            await using (writer.ConfigureAwait(false))
            {
                var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" };
                var csv = new CsvWriter(writer, configuration, leaveOpen: true);
                await using (csv.ConfigureAwait(false))
                {
                    foreach (var name in header)
                    {
                        csv.WriteField(name);
                    }

                    csv.NextRecord();
                    await rows(csv).ConfigureAwait(false);
                    await csv.FlushAsync().ConfigureAwait(false);
                }
            }
        });
}
