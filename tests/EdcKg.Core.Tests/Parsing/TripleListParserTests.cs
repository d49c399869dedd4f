using EdcKg.Core.Domain;
using EdcKg.Core.Parsing;

namespace EdcKg.Core.Tests.Parsing;

public sealed class TripleListParserTests
{
    [Fact]
    public void ReadsAPythonListOfTriplesWithSurroundingChatter()
    {
        var parse = TripleListParser.Parse("Sure! Here they are:\n[['Trane', 'location', 'Swords,_Dublin'], ['Trane', 'foundingYear', '1913']]\nHope this helps.");
        Assert.Equal([new Triple("Trane", "location", "Swords,_Dublin"), new Triple("Trane", "foundingYear", "1913")], parse.Triples);
        Assert.Empty(parse.Unparsed);
    }

    [Fact]
    public void ReadsDoubleQuotesEscapesAndApostrophes()
    {
        var parse = TripleListParser.Parse("""[["O'Brien", "born in", "Cork"], ['Alan_B._Miller_Hall', 'address', '"101 Ukrop Way"'], ['A', 'says', 'it\'s fine']]""");
        Assert.Equal(
            [new Triple("O'Brien", "born in", "Cork"), new Triple("Alan_B._Miller_Hall", "address", "\"101 Ukrop Way\""), new Triple("A", "says", "it's fine")],
            parse.Triples);
    }

    [Fact]
    public void JoinsListValuedElementsLikeEdc()
    {
        var parse = TripleListParser.Parse("[['Romany Love', 'cast member', ['Esmond Knight', 'Roy Travers']]]");
        Assert.Equal([new Triple("Romany Love", "cast member", "Esmond Knight, Roy Travers")], parse.Triples);
    }

    [Fact]
    public void DropsTriplesWithEmptyOrUnderscoreElements()
    {
        var parse = TripleListParser.Parse("[['A', '', 'B'], ['A', 'r', '_'], ['A', 'r', 'B']]");
        Assert.Equal([new Triple("A", "r", "B")], parse.Triples);
    }

    [Fact]
    public void RemovesDuplicatesKeepingTheFirst()
    {
        var parse = TripleListParser.Parse("[['A', 'r', 'B'], ['C', 'r', 'D'], ['A', 'r', 'B']]");
        Assert.Equal([new Triple("A", "r", "B"), new Triple("C", "r", "D")], parse.Triples);
    }

    [Fact]
    public void AcceptsUnquotedTriples()
    {
        var parse = TripleListParser.Parse("[[Trane, location, Swords Dublin], [Trane, product, air conditioners]]");
        Assert.Equal([new Triple("Trane", "location", "Swords Dublin"), new Triple("Trane", "product", "air conditioners")], parse.Triples);
    }

    [Fact]
    public void RecordsWhatItCouldNotRead()
    {
        var parse = TripleListParser.Parse("[['A', 'r', 'B'], ['C', 'r', 'unterminated], ['D', 'r']]");
        Assert.Equal([new Triple("A", "r", "B")], parse.Triples);
        Assert.NotEmpty(parse.Unparsed);
        Assert.Contains(parse.Unparsed, u => u.Contains("unterminated", StringComparison.Ordinal));
    }

    [Fact]
    public void RecordsAnAnswerWithoutAnyBracket()
    {
        var parse = TripleListParser.Parse("I cannot find any facts in this text.");
        Assert.Empty(parse.Triples);
        Assert.Equal(["I cannot find any facts in this text."], parse.Unparsed);
    }

    [Fact]
    public void ReportsAnUnclosedLastTripleAsUnread()
    {
        var parse = TripleListParser.Parse("[['Alice', 'works_for', 'Acme'], ['Acme', 'located_in', 'Par");
        Assert.Equal([new Triple("Alice", "works_for", "Acme")], parse.Triples);
        Assert.Equal(["['Acme', 'located_in', 'Par"], parse.Unparsed);
    }

    [Fact]
    public void AnUnclosedListWhoseLastTripleIsCompleteLosesNothing()
    {
        var parse = TripleListParser.Parse("[['Alice', 'works_for', 'Acme'], ");
        Assert.Equal([new Triple("Alice", "works_for", "Acme")], parse.Triples);
        Assert.Empty(parse.Unparsed);
    }

    [Fact]
    public void IgnoresStrayClosingBracketsAndNonStringTriples()
    {
        var parse = TripleListParser.Parse("] [['A', 'r', 1], ['B', 'r', 'C']]");
        Assert.Equal([new Triple("B", "r", "C")], parse.Triples);
    }

    [Fact]
    public void ReadsEveryLineOfARealEdcRun()
    {
        foreach (var run in new[] { "rebel_iter0", "rebel_iter1" })
        {
            var lines = File.ReadAllLines(Path.Combine(TestPaths.SharedEdc, "real_runs", run, "canon_kg.txt"));
            Assert.True(lines.Length >= 40);
            foreach (var line in lines)
            {
                Assert.True(PythonLiteralParser.TryParse(line, out var value, out _), line);
                var expected = ((PyValue.Sequence)value!).Items.Count;
                var parse = TripleListParser.Parse(line);
                Assert.Empty(parse.Unparsed);
                Assert.Equal(expected, parse.Triples.Count + CountDuplicates(line));
            }
        }
    }

    private static int CountDuplicates(string line)
    {
        PythonLiteralParser.TryParse(line, out var value, out _);
        var triples = ((PyValue.Sequence)value!).Items.Cast<PyValue.Sequence>()
            .Select(t => string.Join("\u0001", t.Items.Cast<PyValue.Str>().Select(s => s.Value))).ToList();
        return triples.Count - triples.Distinct().Count();
    }
}
