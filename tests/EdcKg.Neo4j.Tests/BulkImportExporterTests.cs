using System.Globalization;
using CsvHelper;
using EdcKg.Core.Domain;
using EdcKg.Neo4j.Export;
using EdcKg.Neo4j.Graph;

namespace EdcKg.Neo4j.Tests;

public sealed class BulkImportExporterTests
{
    [Fact]
    public async Task Files_carry_neo4j_admin_import_headers()
    {
        using var directory = TestModels.RepositoryPaths.TempDirectory();

        await BulkImportExporter.ExportAsync(Snapshots.Small(), directory);

        Assert.Equal("key:ID(Entity),name,:LABEL", FirstLine(directory, "entities.csv"));
        Assert.Equal(":ID(Document),graph,id,index:int,source,text,:LABEL", FirstLine(directory, "documents.csv"));
        Assert.Equal(":ID(Relation),graph,name,definition,origin,:LABEL", FirstLine(directory, "relations.csv"));
        Assert.Equal(":ID(Chunk),graph,id,documentId,index:int,start:int,end:int,text,:LABEL", FirstLine(directory, "chunks.csv"));
        Assert.Equal(":START_ID(Chunk),:END_ID(Entity),:TYPE,start:int,end:int", FirstLine(directory, "mentions.csv"));
        Assert.Equal(
            ":START_ID(Entity),:END_ID(Entity),:TYPE,relation,graph,runId,documentId,documentIndex:int,iteration:int,openRelation,decision,score:float,chunk:int,chunkStart:int,chunkEnd:int,chunks:int[],subjectStart:int,subjectEnd:int,objectStart:int,objectEnd:int,truncated:boolean",
            FirstLine(directory, "relationships.csv"));
    }

    [Fact]
    public async Task Quotes_commas_newlines_and_unicode_survive_a_round_trip_through_a_csv_reader()
    {
        using var directory = TestModels.RepositoryPaths.TempDirectory();

        var files = await BulkImportExporter.ExportAsync(Snapshots.Small(), directory);

        var entities = Read(directory, "entities.csv");
        Assert.Equal(6, files.Entities);
        Assert.Equal(6, entities.Count);
        Assert.Contains(["warsaw, \"congress poland\"", "Warsaw, \"Congress Poland\"", "Entity"], entities);
        Assert.Contains(["nobel prize in physics", "Nobel Prize\nin Physics", "Entity"], entities);
        Assert.Contains(["hoče–slivnica", "Hoče–Slivnica", "Entity"], entities);
        Assert.Contains(["marie curie", "Marie Curie", "Entity"], entities);
        var documents = Read(directory, "documents.csv");
        Assert.Equal(["[\"run-1\",\"doc-0\"]", "run-1", "doc-0", "0", "", "Marie Curie was born in Warsaw, \"Congress Poland\".\nShe won two Nobel prizes.", "Document"], documents[0]);
        var relations = Read(directory, "relations.csv");
        Assert.Equal(["[\"run-1\",\"award received\"]", "run-1", "award received", "The subject received the object,\nan award.", "Target", "Relation"], relations[1]);
        var relationships = Read(directory, "relationships.csv");
        Assert.Equal(5, relationships.Count);
        Assert.Equal(["marie curie", "warsaw, \"congress poland\"", "PLACE_OF_BIRTH", "place of birth", "run-1", "run-1", "doc-0", "0", "0", "born in", "Aligned", "0.91", "", "", "", "", "", "", "", "", "false"], relationships[0]);
        Assert.Equal("", relationships[2][11]);
        var raw = File.ReadAllText(Path.Combine(directory, "entities.csv"));
        Assert.Contains("\"warsaw, \"\"congress poland\"\"\"", raw);
        Assert.Contains("\"Nobel Prize\nin Physics\"", raw);
        Assert.DoesNotContain('\r', raw);
        Assert.False(File.ReadAllBytes(Path.Combine(directory, "entities.csv")).AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }));
    }

    [Fact]
    public async Task The_command_file_holds_the_exact_import_command_and_the_constraints()
    {
        using var directory = TestModels.RepositoryPaths.TempDirectory();

        var files = await BulkImportExporter.ExportAsync(Snapshots.Small(), directory, "kg");

        var text = File.ReadAllText(Path.Combine(directory, "import-command.txt"));
        Assert.Equal(
            "neo4j-admin database import full kg --nodes=entities.csv --nodes=documents.csv --nodes=chunks.csv --nodes=relations.csv --relationships=relationships.csv --relationships=has_chunk.csv --relationships=mentions.csv --multiline-fields=true",
            files.Command);
        Assert.Contains(files.Command + "\n", text);
        Assert.All(GraphStatements.Constraints, c => Assert.Contains(c + ";", text));
        Assert.Equal(8, files.Files.Count);
        Assert.All(files.Files, f => Assert.True(File.Exists(f), f));
        Assert.Empty(Directory.GetFiles(directory, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Real_rebel_output_exports_one_row_per_distinct_entity_and_relationship_and_reexports_identically()
    {
        var snapshot = Snapshots.RealRebel();
        using var first = TestModels.RepositoryPaths.TempDirectory();
        using var second = TestModels.RepositoryPaths.TempDirectory();

        var files = await BulkImportExporter.ExportAsync(snapshot, first);
        await BulkImportExporter.ExportAsync(snapshot, second);

        var rows = snapshot.Triples.Select(t => RelationshipRow.From(snapshot.RunId, t)).OfType<RelationshipRow>().ToList();
        var entities = Read(first, "entities.csv");
        Assert.Equal(rows.SelectMany(r => new[] { r.SubjectKey, r.ObjectKey }).Distinct().Count(), entities.Count);
        Assert.Equal(entities.Count, entities.Select(e => e[0]).Distinct().Count());
        var relationships = Read(first, "relationships.csv");
        Assert.Equal(rows.Select(r => r.Identity).Distinct().Count(), relationships.Count);
        Assert.Equal(files.Relationships, relationships.Count);
        var keys = entities.Select(e => e[0]).ToHashSet();
        Assert.All(relationships, r => Assert.True(keys.Contains(r[0]) && keys.Contains(r[1]), "relationship endpoint without a node"));
        foreach (var name in new[] { "entities.csv", "documents.csv", "relations.csv", "relationships.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, name)), File.ReadAllBytes(Path.Combine(second, name)));
        }
    }

    [Fact]
    public async Task A_triple_repeated_in_its_document_becomes_one_relationship_but_not_across_documents()
    {
        using var directory = TestModels.RepositoryPaths.TempDirectory();
        var t = new Triple("A", "knows", "B");
        CanonicalTriple[] triples =
        [
            new("d1", 0, 0, t, "knows", DecisionKind.AlreadyInSchema, null),
            new("d1", 0, 0, t with { Subject = " a " }, "met", DecisionKind.Aligned, 0.7f),
            new("d2", 1, 0, t, "knows", DecisionKind.AlreadyInSchema, null),
        ];

        var files = await BulkImportExporter.ExportAsync("r", [], [], triples, directory);

        Assert.Equal(2, files.Relationships);
        Assert.Equal(2, files.Entities);
        Assert.Equal(["d1", "d2"], Read(directory, "relationships.csv").Select(r => r[6]));
    }

    private static string FirstLine(string directory, string name) => File.ReadLines(Path.Combine(directory, name)).First();

    private static List<string[]> Read(string directory, string name)
    {
        using var reader = new StreamReader(Path.Combine(directory, name));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i)!).ToArray());
        }

        return rows;
    }
}
