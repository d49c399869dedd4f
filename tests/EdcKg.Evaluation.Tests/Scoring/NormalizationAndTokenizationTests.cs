using EdcKg.Evaluation.PythonCompat;
using EdcKg.Evaluation.Scoring;

namespace EdcKg.Evaluation.Tests.Scoring;

public sealed class NormalizationAndTokenizationTests
{
    [Theory]
    [InlineData("Alan_Bean | birthPlace | Wheeler,_Texas", "alan bean | birth place | wheeler, texas")]
    [InlineData("Paris | capitalOf | France (country)", "paris | capital of | france")]
    [InlineData("A (x) | b | c (d) (e)", "a (x) | b | c")]
    [InlineData("Spodnje Hoče | partOf | Hoče–Slivnica", "spodnje hoce | part of | hoce-slivnica")]
    [InlineData("Straße  \t Œuvre | fooBAR | Zürich", "strasse oeuvre | foo bar | zurich")]
    [InlineData("Москва | is | Αθήνα", "moskva | is | athena")]
    public void Triple_text_is_normalised_like_the_reference(string raw, string expected)
    {
        Assert.Equal(expected, TripleNormalization.Normalize(raw));
    }

    [Fact]
    public void Xml_round_trip_drops_forbidden_controls_and_folds_carriage_returns()
    {
        Assert.Equal("a\nb\nc\td", TripleNormalization.AfterXmlRoundTrip("a\r\nb\rc\u0001\td\u000B"));
    }

    [Theory]
    [InlineData("st. louis is a city", new[] { "st.", "louis", "is", "a", "city" })]
    [InlineData("foo. bar", new[] { "foo", ".", "bar" })]
    [InlineData("the cat's toy", new[] { "the", "cat", "'s", "toy" })]
    [InlineData("i cannot go", new[] { "i", "can", "not", "go" })]
    [InlineData("u.s. army", new[] { "u.s.", "army" })]
    [InlineData("he said \"hi\" (twice)", new[] { "he", "said", "``", "hi", "''", "(", "twice", ")" })]
    [InlineData("j. smith", new[] { "j.", "smith" })]
    [InlineData("1. the first", new[] { "1.", "the", "first" })]
    [InlineData("what? yes! no", new[] { "what", "?", "yes", "!", "no" })]
    [InlineData("a -- b", new[] { "a", "--", "b" })]
    [InlineData("rock... roll", new[] { "rock", "...", "roll" })]
    [InlineData("x: y, z; w", new[] { "x", ":", "y", ",", "z", ";", "w" })]
    [InlineData("born in 1990.", new[] { "born", "in", "1990", "." })]
    [InlineData("mr. smith's car.", new[] { "mr.", "smith", "'s", "car", "." })]
    public void Word_tokenize_matches_nltk(string text, string[] expected)
    {
        // Expected tokens are NLTK's word_tokenize output for these strings.
        Assert.Equal(expected, WordTokenization.Tokenize(text));
    }

    [Fact]
    public void Python_mean_is_exact_and_python_str_formats_floats()
    {
        Assert.Equal(0.2, PythonNumbers.Mean([PyNumber.Float(0.1), PyNumber.Float(0.2), PyNumber.Float(0.3)]).Value);
        Assert.Equal(PyNumber.IntZero, PythonNumbers.Mean([PyNumber.IntZero, PyNumber.IntZero]));
        Assert.Equal(PyNumber.Float(0.25), PythonNumbers.Mean([PyNumber.IntZero, PyNumber.Float(0.5)]));
        Assert.Equal("1e-05", PythonNumbers.FormatFloat(1e-05));
        Assert.Equal("1e+16", PythonNumbers.FormatFloat(1e16));
        Assert.Equal("123.456", PythonNumbers.FormatFloat(123.456));
        Assert.Equal("1.0", PythonNumbers.FormatFloat(1.0));
        Assert.Equal("0.0001", PythonNumbers.FormatFloat(0.0001));
        Assert.Equal("0.6666666666666666", PythonNumbers.FormatFloat(2.0 / 3));
        Assert.Equal("0", PythonNumbers.Format(PyNumber.IntZero));
    }
}
