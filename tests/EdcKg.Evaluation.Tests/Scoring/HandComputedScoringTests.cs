using EdcKg.Evaluation.PythonCompat;
using EdcKg.Evaluation.Scoring;

namespace EdcKg.Evaluation.Tests.Scoring;

public sealed class HandComputedScoringTests
{
    private static EvaluationReport Score(string[] references, string[] candidates) =>
        new EdcScorer().Score([new EvaluationEntry(1, references, candidates)]);

    [Fact]
    public void Prediction_equal_to_reference_scores_one_everywhere()
    {
        var report = Score(["Alan Bean | birthPlace | Wheeler, Texas", "Alan Bean | occupation | Test pilot"], ["Alan Bean | birthPlace | Wheeler, Texas", "Alan Bean | occupation | Test pilot"]);

        foreach (var scheme in Enum.GetValues<EvaluationScheme>())
        {
            var total = report.Total(scheme);
            Assert.Equal((6, 0, 0, 0, 0), (total.Correct, total.Incorrect, total.Partial, total.Missed, total.Spurious));
            Assert.Equal(PyNumber.Float(1.0), total.F1);
        }

        Assert.Equal(new FullTripleScore(1.0, 1.0, 1.0), report.FullTriple);
        Assert.Equal([0, 1], report.Alignments[0]);
    }

    [Fact]
    public void Disjoint_triples_are_spurious_and_missed_with_an_integer_zero_f1()
    {
        // Every attribute: no shared word, so reference span i and candidate span i+1 sit side by side. Three
        // spurious, three missed; precision 0/3 is the float 0.0 but F1 (p + r = 0) is nervaluate's integer 0.
        var report = Score(["a | b | c"], ["x | y | z"]);

        var strict = report.Total(EvaluationScheme.Strict);
        Assert.Equal((0, 0, 0, 3, 3, 3, 3), (strict.Correct, strict.Incorrect, strict.Partial, strict.Missed, strict.Spurious, strict.Possible, strict.Actual));
        Assert.Equal(PyNumber.Float(0.0), strict.Precision);
        Assert.Equal(PyNumber.IntZero, strict.F1);
        Assert.Contains("Precision: 0.0 Recall: 0.0\nF1: 0\n", ReferenceReportFormat.Write(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Shorter_subject_overlaps_and_counts_per_scheme()
    {
        // Subject "new york" inside "new york city": reference span 0..2, candidate span 0..1 (an overlap with the
        // same label), predicate and object exact. Strict/Exact: 2 correct + 1 incorrect; Ent_type: 3 correct;
        // Partial: 2 correct + 1 partial, so (2 + 0.5) / 3.
        var report = Score(["new york city | capital | x"], ["new york | capital | x"]);

        var strict = report.Total(EvaluationScheme.Strict);
        Assert.Equal((2, 1, 0, 0, 0), (strict.Correct, strict.Incorrect, strict.Partial, strict.Missed, strict.Spurious));
        Assert.Equal(2.0 / 3, strict.Precision.Value);
        Assert.Equal(2 * (2.0 / 3 * (2.0 / 3)) / (2.0 / 3 + (2.0 / 3)), strict.F1.Value);

        var entType = report.Total(EvaluationScheme.EntType);
        Assert.Equal((3, 0, 0), (entType.Correct, entType.Incorrect, entType.Partial));
        Assert.Equal(1.0, entType.F1.Value);

        var partial = report.Total(EvaluationScheme.Partial);
        Assert.Equal((2, 0, 1), (partial.Correct, partial.Incorrect, partial.Partial));
        Assert.Equal((2 + (0.5 * 1)) / 3, partial.Precision.Value);
        Assert.Equal("0.8333333333333334", PythonNumbers.Format(partial.Precision));

        var subjectExact = report.For(TripleTag.Subject, EvaluationScheme.Exact);
        Assert.Equal((0, 1), (subjectExact.Correct, subjectExact.Incorrect));
        Assert.Equal(PyNumber.IntZero, subjectExact.F1);
        Assert.Equal(new FullTripleScore(0, 0, 0), report.FullTriple);
    }

    [Fact]
    public void Empty_prediction_misses_every_reference_triple_with_integer_zero_precision()
    {
        // Padding: each reference triple meets an empty candidate. No prediction, so precision is the integer 0
        // (actual = 0) while recall is 0/3 = 0.0.
        var report = Score(["a | b | c", "d | e | f"], []);

        var exact = report.Total(EvaluationScheme.Exact);
        Assert.Equal((0, 6, 0), (exact.Correct, exact.Missed, exact.Actual));
        Assert.Equal(PyNumber.IntZero, exact.Precision);
        Assert.Equal(PyNumber.Float(0.0), exact.Recall);
        Assert.Contains("Precision: 0 Recall: 0.0\nF1: 0\n", ReferenceReportFormat.Write(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_predicted_triple_is_paired_with_an_empty_reference_and_is_spurious()
    {
        var report = Score(["a | b | c"], ["a | b | c", "x | y | z"]);

        var strict = report.Total(EvaluationScheme.Strict);
        Assert.Equal((3, 0, 3), (strict.Correct, strict.Missed, strict.Spurious));

        // Two selected pairs: (1, 1, 1) and the spurious one with precision 0.0, recall integer 0.
        Assert.Equal(0.5, strict.Precision.Value);
        Assert.Equal(0.5, strict.Recall.Value);
        Assert.Equal([0, 1], report.Alignments[0]);
    }

    [Fact]
    public void Swapped_subject_and_object_are_matched_across_attributes()
    {
        // Subject and object find nothing in place, so the reference compares subject with object: the words are
        // found, spans carry crossed labels, and Exact (boundaries only) gives credit where Strict does not.
        var report = Score(["paris | capital of | france"], ["france | capital of | paris"]);

        var exact = report.Total(EvaluationScheme.Exact);
        var strict = report.Total(EvaluationScheme.Strict);
        Assert.True(exact.Correct > strict.Correct);
        Assert.Equal(3, exact.Correct);
        Assert.Equal(1, strict.Correct);
    }

    [Fact]
    public void No_entry_gives_an_all_zero_report()
    {
        var report = new EdcScorer().Score([]);

        Assert.Equal(0, report.Entries);
        Assert.All(report.Totals, t => Assert.Equal(SchemeTotals.Zero, t));
        Assert.Contains("Correct: 0 Incorrect: 0 Partial: 0 Missed: 0\n", ReferenceReportFormat.Write(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Both_sides_empty_is_refused_naming_the_line()
    {
        var ex = Assert.Throws<ReferenceScorerFailureException>(() => new EdcScorer().Score([new EvaluationEntry(7, [], [])]));

        Assert.StartsWith("line 7:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_triple_element_is_refused_because_the_reference_cannot_split_it()
    {
        var ex = Assert.Throws<ReferenceScorerFailureException>(() => Score(["a | b | c"], ["a |  | c"]));

        Assert.Contains("line 1", ex.Message, StringComparison.Ordinal);
    }
}
