using EdcKg.Core.Parsing;

namespace EdcKg.Core.Tests.Parsing;

public sealed class PythonLiteralParserTests
{
    private static PyValue Parse(string text)
    {
        Assert.True(PythonLiteralParser.TryParse(text, out var value, out var error), error);
        return value!;
    }

    private static string[] Strings(PyValue value) =>
        [.. ((PyValue.Sequence)value).Items.Select(i => ((PyValue.Str)i).Value)];

    [Theory]
    [InlineData("['a', \"b\", 'c']")]
    [InlineData("('a', 'b', 'c',)")]
    [InlineData("'a', 'b', 'c'")]
    [InlineData("[  'a' ,'b',\t'c' ] # trailing comment")]
    [InlineData("['a', 'b' 'c'][0:0] ")]
    public void Quoting_trailing_commas_and_bare_tuples_parse(string text)
    {
        if (text.Contains("[0:0]", StringComparison.Ordinal))
        {
            // Subscripts are expressions, not literals.
            Assert.False(PythonLiteralParser.TryParse(text, out _, out _));
            return;
        }

        Assert.Equal(["a", "b", "c"], Strings(Parse(text)));
    }

    [Fact]
    public void Escapes_prefixes_and_implicit_concatenation_give_python_values()
    {
        var value = Parse(@"['it\'s', ""say \""hi\"""", r'C:\dir', 'tab\tend', '\x41\u00e9\q', 'ab' ""cd"", u'\101', '\U0001F600']");

        Assert.Equal(["it's", "say \"hi\"", @"C:\dir", "tab\tend", "Aé\\q", "abcd", "A", "\U0001F600"], Strings(value));
    }

    [Theory]
    [InlineData("[['a', 'b', 'c']")]
    [InlineData("f'x'")]
    [InlineData("['a', b]")]
    [InlineData("")]
    [InlineData("['a' 'b]")]
    [InlineData("--1")]
    [InlineData("[1] + [2]")]
    [InlineData("{['a']}")]
    [InlineData("'a\\x4'")]
    [InlineData("007")]
    public void Non_literals_are_rejected(string text)
    {
        Assert.False(PythonLiteralParser.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Numbers_constants_sets_and_dicts_parse()
    {
        var value = (PyValue.Sequence)Parse("[1_000, -2.5e3, 0x1F, 1+2j, True, None, ..., set(), {'k': 1, 'k': 2}, {'x', 'x'}, b'raw']");

        Assert.Equal(new PyValue.Int(1000), value.Items[0]);
        Assert.Equal(new PyValue.Float(-2500), value.Items[1]);
        Assert.Equal(new PyValue.Int(31), value.Items[2]);
        Assert.Equal(new PyValue.Complex(1, 2), value.Items[3]);
        Assert.Equal(new PyValue.Bool(true), value.Items[4]);
        Assert.Equal(new PyValue.Singleton("None"), value.Items[5]);
        Assert.Equal(new PyValue.Singleton("Ellipsis"), value.Items[6]);
        Assert.Empty(((PyValue.Sequence)value.Items[7]).Items);
        Assert.Single(((PyValue.Dict)value.Items[8]).Keys);
        Assert.Single(((PyValue.Sequence)value.Items[9]).Items);
        Assert.IsType<PyValue.Bytes>(value.Items[10]);
    }
}
