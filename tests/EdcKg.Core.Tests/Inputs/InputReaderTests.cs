using System.Text;
using EdcKg.Core.Inputs;

namespace EdcKg.Core.Tests.Inputs;

public sealed class InputReaderTests : IDisposable
{
    private readonly TestModels.TempFolder files = TestPaths.TempDirectory();

    public void Dispose() => files.Dispose();

    [Theory]
    [InlineData("webnlg", 1165)]
    [InlineData("rebel", 1000)]
    [InlineData("wiki-nre", 1000)]
    [InlineData("example", 1)]
    public void EdcDatasetsHaveOneDocumentPerLine(string dataset, int count)
    {
        var documents = CorpusReader.Read(Path.Combine(TestPaths.SharedEdc, "datasets", dataset + ".txt"));
        Assert.Equal(count, documents.Count);
        Assert.Equal("0", documents[0].Id);
        Assert.Equal(Enumerable.Range(0, count), documents.Select(d => d.Index));
    }

    [Theory]
    [InlineData("webnlg", 159)]
    [InlineData("rebel", 196)]
    [InlineData("wiki-nre", 45)]
    public void EdcSchemasReadWithTheirRelationCount(string dataset, int count)
    {
        var schema = SchemaCsvReader.Read(Path.Combine(TestPaths.SharedEdc, "schemas", dataset + "_schema.csv"));
        Assert.Equal(count, schema.Count);
        Assert.All(schema, r => Assert.False(string.IsNullOrWhiteSpace(r.Definition)));
    }

    [Fact]
    public void JsonLinesCarryIdsAndTexts()
    {
        var path = Write("corpus.jsonl", "{\"id\": \"a\", \"text\": \"First.\"}\n\n{\"id\": 7, \"text\": \"Second.\"}\n");
        var documents = CorpusReader.Read(path);
        Assert.Equal(["a", "7"], documents.Select(d => d.Id));
        Assert.Equal([0, 1], documents.Select(d => d.Index));
    }

    [Theory]
    [InlineData("{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"a\", \"text\": \"y\"}", ":2: duplicate document id 'a'")]
    [InlineData("{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\"", ":2: invalid JSON")]
    [InlineData("{\"id\": \"a\"}", ":1: missing string field \"text\"")]
    public void BadJsonLinesNameFileAndLine(string content, string expected)
    {
        var path = Write("bad.jsonl", content);
        var error = Assert.Throws<InputException>(() => CorpusReader.Read(path));
        Assert.Contains(path + expected, error.Message);
    }

    [Fact]
    public void AFolderGivesOneDocumentPerTextOrMarkdownFile()
    {
        using var folder = TestPaths.TempDirectory();
        File.WriteAllText(Path.Combine(folder, "b.md"), "Beta.\n");
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        File.WriteAllText(Path.Combine(folder, "sub", "a.txt"), "Alpha.");
        File.WriteAllText(Path.Combine(folder, "ignored.csv"), "x");
        var documents = CorpusReader.Read(folder);
        Assert.Equal(["b.md", "sub/a.txt"], documents.Select(d => d.Id));
        Assert.Equal("Beta.", documents[0].Text);
    }

    [Fact]
    public void MissingAndEmptyInputsAreReported()
    {
        Assert.Contains("not found", Assert.Throws<InputException>(() => CorpusReader.Read("/no/such/corpus.txt")).Message);
        var empty = Write("empty.txt", string.Empty);
        Assert.Contains("empty", Assert.Throws<InputException>(() => CorpusReader.Read(empty)).Message);
    }

    [Fact]
    public void UndecodableBytesAreReportedWithTheirLine()
    {
        using var temp = TestPaths.TempDirectory();
        var path = Path.Combine(temp, "latin1.txt");
        File.WriteAllBytes(path, [.. Encoding.ASCII.GetBytes("fine line\nsecond "), 0xE9, .. Encoding.ASCII.GetBytes(" line\n")]);
        var error = Assert.Throws<InputException>(() => CorpusReader.Read(path));
        Assert.Contains(path + ":2:", error.Message);
        Assert.Contains("UTF-8", error.Message);
    }

    [Fact]
    public void MalformedSchemaRowsAndDuplicatesNameTheLine()
    {
        var malformed = Write("schema.csv", "a,The a relation.\nb,too,many,fields\n");
        Assert.Contains(":2: expected 2 fields", Assert.Throws<InputException>(() => SchemaCsvReader.Read(malformed)).Message);
        var duplicate = Write("dup.csv", "a,The a relation.\nb,\"The b relation, with a comma.\"\na,Again.\n");
        Assert.Contains(":3: duplicate relation 'a' (first defined on line 1)", Assert.Throws<InputException>(() => SchemaCsvReader.Read(duplicate)).Message);
        var unterminated = Write("quote.csv", "a,\"unterminated\n");
        Assert.Throws<InputException>(() => SchemaCsvReader.Read(unterminated));
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(files, name);
        File.WriteAllText(path, content);
        return path;
    }
}
