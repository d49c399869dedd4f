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
            Assert.True(PythonLiteralParser.TryParse(line, out var value, out _));
            var lists = ((PyValue.Sequence)value!).Items.Cast<PyValue.Sequence>().Select(t => t.Items.Cast<PyValue.Str>().Select(s => s.Value));
            Assert.Equal(line, PythonRepr.OfNestedList(lists));
        }
    }
}
