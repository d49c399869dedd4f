using EdcKg.Core.Parsing;

namespace EdcKg.Core.Tests.Parsing;

public sealed class PythonReprTests
{
    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("say \"hi\"", "'say \"hi\"'")]
    [InlineData("both ' and \"", "'both \\' and \"'")]
    [InlineData("back\\slash", "'back\\\\slash'")]
    [InlineData("line\nbreak\ttab", "'line\\nbreak\\ttab'")]
    [InlineData("Mülhausen – Hoče", "'Mülhausen – Hoče'")]
    [InlineData("\u0001", "'\\x01'")]
    [InlineData("\u200b", "'\\u200b'")]
    public void WritesStringsAsPythonReprDoes(string value, string expected)
        => Assert.Equal(expected, PythonRepr.Of(value));

    [Fact]
    public void WritesNestedListsAsStrOfAListDoes()
        => Assert.Equal("[['a', 'b', 'c'], []]", PythonRepr.OfNestedList([["a", "b", "c"], []]));

    [Fact]
    public void RoundTripsEveryLineOfARealEdcRun()
    {
        var lines = File.ReadAllLines(Path.Combine(TestPaths.SharedEdc, "real_runs", "rebel_iter1", "canon_kg.txt"));
        foreach (var line in lines)
        {
            Assert.True(PythonLiteralReader.TryParse(line, out var value));
            var lists = ((PythonSequence)value!).Items.Cast<PythonSequence>().Select(t => t.Items.Cast<PythonString>().Select(s => s.Value));
            Assert.Equal(line, PythonRepr.OfNestedList(lists));
        }
    }

    [Theory]
    [InlineData("('a', 'b', 'c',)", 3)]
    [InlineData("['a' 'b', 'c']", 2)]
    [InlineData("[r'a\\n', u'b', \"\"\"c\"\"\"]", 3)]
    [InlineData("[1, -2.5, None, True]", 4)]
    public void ReadsTheLiteralForms(string text, int count)
    {
        Assert.True(PythonLiteralReader.TryParse(text, out var value));
        Assert.Equal(count, ((PythonSequence)value!).Items.Count);
    }

    [Theory]
    [InlineData("['a', b]")]
    [InlineData("['a',, 'b']")]
    [InlineData("['a'")]
    [InlineData("[b'bytes']")]
    public void RejectsWhatLiteralEvalRejects(string text)
        => Assert.False(PythonLiteralReader.TryParse(text, out _));
}
