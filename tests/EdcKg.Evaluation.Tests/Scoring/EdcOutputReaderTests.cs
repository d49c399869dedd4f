using EdcKg.Evaluation.Scoring;

namespace EdcKg.Evaluation.Tests.Scoring;

public sealed class EdcOutputReaderTests
{
    [Fact]
    public void Lines_that_are_not_lists_of_string_triples_are_skipped_with_their_reference_line()
    {
        string[] predictions =
        [
            "[['a', 'b', 'c']]",
            "not python",
            "[['a', 'b']]",
            "[['a', 'b', 3]]",
            "['abc']",
            "[]",
            "[('x', 'y', 'z'),]",
        ];
        string[] references = ["[['a','b','c']]", "[['r','s','t']]", "[['r','s','t']]", "[['r','s','t']]", "[['a','b','c']]", "[['d','e','f']]", "[['x','y','z']]"];

        var input = EdcOutputReader.Pair(predictions, references, null);

        Assert.Equal([2, 3, 4], input.Rejected.Select(r => r.Line));
        Assert.Equal([1, 5, 6, 7], input.Entries.Select(e => e.Line));

        // A bare 3-character string is a triple of its characters; [] keeps its reference line to be missed.
        Assert.Equal(["a | b | c"], input.Entries[1].CandidateTriples);
        Assert.Empty(input.Entries[2].CandidateTriples);
        Assert.Equal(["d | e | f"], input.Entries[2].ReferenceTriples);
    }

    [Fact]
    public void Entries_whose_triple_counts_differ_too_much_are_left_out()
    {
        var input = EdcOutputReader.Pair(["[['a','b','c']]", "[]"], ["[['a','b','c']]", "[['a','b','c'],['d','e','f']]"], maxLengthDifference: 1);

        Assert.Equal([1], input.Entries.Select(e => e.Line));
        Assert.Equal([2], input.SkippedByLengthDifference);
    }

    [Fact]
    public void Prediction_longer_than_the_reference_is_an_error_naming_the_line()
    {
        var ex = Assert.Throws<EvaluationInputException>(() => EdcOutputReader.Pair(["[['a','b','c']]", "[['a','b','c']]"], ["[['a','b','c']]"], null, "pred.txt", "gold.txt"));

        Assert.StartsWith("pred.txt:2:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("gold.txt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_reference_line_is_an_error_naming_it()
    {
        var ex = Assert.Throws<EvaluationInputException>(() => EdcOutputReader.Pair(["[['a','b','c']]"], ["[['a','b'"], null, "pred.txt", "gold.txt"));

        Assert.StartsWith("gold.txt:1:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_shaped_triple_is_an_error_because_the_reference_cannot_index_it()
    {
        var ex = Assert.Throws<EvaluationInputException>(() => EdcOutputReader.Pair(["[{'a','b','c'}]"], ["[['a','b','c']]"], null, "pred.txt", "gold.txt"));

        Assert.StartsWith("pred.txt:1:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_newline_style_splits_lines_and_a_final_newline_adds_none()
    {
        Assert.Equal(["a", "b", "c", ""], EdcOutputReader.SplitLines("a\r\nb\rc\n\n"));
    }
}
