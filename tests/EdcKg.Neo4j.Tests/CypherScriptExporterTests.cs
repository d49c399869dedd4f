using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EdcKg.Core.Domain;
using EdcKg.Neo4j.Export;
using EdcKg.Neo4j.Graph;

namespace EdcKg.Neo4j.Tests;

public sealed class CypherScriptExporterTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("O'Brien said \"hi\"")]
    [InlineData("back\\slash; semi;colon")]
    [InlineData("two\nlines\r\nand\ttab")]
    [InlineData("Hoče–Slivnica 是首都 😀")]
    [InlineData("bell\u0007")]
    public void String_literals_stay_on_one_line_and_decode_back_to_the_original(string value)
    {
        var literal = CypherLiteral.String(value);

        Assert.DoesNotContain('\n', literal);
        Assert.DoesNotContain(';', literal);
        Assert.Equal(value, Decode(literal));
    }

    [Fact]
    public void Numbers_are_invariant_and_floats_always_have_a_decimal_point()
    {
        Assert.Equal("42", CypherLiteral.Value(42));
        Assert.Equal("0.91", CypherLiteral.Value(0.91f));
        Assert.Equal("1.0", CypherLiteral.Value(1f));
        Assert.Equal("null", CypherLiteral.Value(null));
        Assert.Equal("null", CypherLiteral.Value(float.NaN));
        Assert.Equal("{a: 'x', b: null}", CypherLiteral.Map(new Dictionary<string, object?> { ["a"] = "x", ["b"] = null }));
    }

    [Fact]
    public async Task The_script_has_one_statement_per_line_with_the_writers_merge_statements_and_literal_rows()
    {
        using var temp = TestModels.RepositoryPaths.TempDirectory();
        var path = Path.Combine(temp, "graph.cypher");

        var count = await CypherScriptExporter.ExportAsync(Snapshots.Small(), path, batchSize: 2);

        var lines = File.ReadAllLines(path).Where(l => !l.StartsWith("//", StringComparison.Ordinal)).ToList();
        Assert.Equal(count, lines.Count);
        Assert.All(lines, l => Assert.EndsWith(";", l));
        Assert.Equal(GraphStatements.Constraints, lines.Take(GraphStatements.Constraints.Count).Select(l => l.TrimEnd(';')));
        var relationshipLines = lines.Where(l => l.Contains("]->(o)", StringComparison.Ordinal)).ToList();
        // Chunks of two triples: [pob, award], [award, country], [country] → 5 statements, one per type per chunk.
        Assert.Equal(5, relationshipLines.Count);
        foreach (var line in lines.Skip(GraphStatements.Constraints.Count))
        {
            var match = Regex.Match(line, @"^UNWIND (\[.*\]) AS row (.*);$");
            Assert.True(match.Success, line);
            var type = Regex.Match(line, @"\[r:`([^`]+)`").Groups[1].Value;
            var expected = line.Contains("(d:Document", StringComparison.Ordinal) ? GraphStatements.Documents()
                : line.Contains("(r:Relation", StringComparison.Ordinal) ? GraphStatements.Relations()
                : GraphStatements.Relationships(type);
            Assert.Equal(expected, line.Replace(match.Groups[1].Value, "$rows", StringComparison.Ordinal).TrimEnd(';'));
        }

        Assert.Contains("object: 'Warsaw, \\\"Congress Poland\\\"'", relationshipLines[1] + relationshipLines[0]);
        Assert.Contains("score: 0.91", string.Join("\n", relationshipLines));
        Assert.Contains("text: 'Marie Curie was born in Warsaw, \\\"Congress Poland\\\".\\nShe won two Nobel prizes.'", lines[GraphStatements.Constraints.Count]);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public async Task A_refined_run_ends_its_script_by_retiring_its_documents_earlier_iterations()
    {
        using var temp = TestModels.RepositoryPaths.TempDirectory();
        var path = Path.Combine(temp, "graph.cypher");
        var snapshot = Snapshots.Small() with { Superseded = [new SupersededTriples("doc-0", 0, 2, ["Marie Curie", "marie curie", "Pierre"])] };

        await CypherScriptExporter.ExportAsync(snapshot, path, batchSize: 2);

        var last = File.ReadAllLines(path).Last(l => !l.StartsWith("//", StringComparison.Ordinal));
        Assert.Equal(GraphStatements.SupersededRelationships("[{graph: 'run-1', documentId: 'doc-0', iteration: 2, subjectKeys: ['marie curie', 'pierre']}]") + ";", last);
        Assert.Single(File.ReadAllLines(path), l => l.Contains(" DELETE r", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Exporting_the_real_rebel_output_twice_writes_the_same_script()
    {
        var snapshot = Snapshots.RealRebel();
        using var directory = TestModels.RepositoryPaths.TempDirectory();

        await CypherScriptExporter.ExportAsync(snapshot, Path.Combine(directory, "a.cypher"));
        await CypherScriptExporter.ExportAsync(snapshot, Path.Combine(directory, "b.cypher"));

        var text = File.ReadAllText(Path.Combine(directory, "a.cypher"));
        Assert.Equal(text, File.ReadAllText(Path.Combine(directory, "b.cypher")));
        Assert.Contains("subject: 'Spodnje Hoče'", text);
        Assert.Equal(snapshot.Triples.Count, Regex.Matches(text, "subjectKey: ").Count);
    }

    /// <summary>Decodes a Cypher string literal the way Cypher reads it.</summary>
    private static string Decode(string literal)
    {
        Assert.StartsWith("'", literal);
        Assert.EndsWith("'", literal);
        var text = new StringBuilder();
        for (var i = 1; i < literal.Length - 1; i++)
        {
            var c = literal[i];
            if (c == '\'')
            {
                Assert.Fail($"unescaped quote at {i} in {literal}");
            }

            if (c != '\\')
            {
                text.Append(c);
                continue;
            }

            var e = literal[++i];
            switch (e)
            {
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'u': text.Append((char)int.Parse(literal.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); i += 4; break;
                default: text.Append(e); break;
            }
        }

        return text.ToString();
    }
}
