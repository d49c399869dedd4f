namespace EdcKg.Neo4j.Export;

/// <summary>What a bulk-import export wrote.</summary>
/// <param name="Directory">The folder holding the files.</param>
/// <param name="Files">The CSV files and the command file, full paths.</param>
/// <param name="Entities">Distinct entities written.</param>
/// <param name="Relationships">Relationships written.</param>
/// <param name="SkippedTriples">Triples without a subject or object to key on.</param>
/// <param name="Command">The <c>neo4j-admin</c> command that imports the files.</param>
public sealed record BulkImportFiles(string Directory, IReadOnlyList<string> Files, long Entities, long Relationships, long SkippedTriples, string Command);
