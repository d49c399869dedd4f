using EdcKg.Evaluation.PythonCompat;
using EdcKg.Evaluation.Scoring;

namespace EdcKg.Evaluation.Tests.Scoring;

public sealed class IdentityTests
{
    private static async Task<List<string>> WebNlgReferences() =>
        await EdcOutputReader.ReadLinesAsync(Path.Combine(SharedBenchmarkData.Root, "evaluate", "references", "webnlg.txt"), CancellationToken.None);

    [Fact]
    public async Task WebNlg_references_scored_against_themselves_give_one_everywhere_the_reference_does()
    {
        // The reference drops quote tokens (`` and '') from the gold side only, so a quoted literal such as
        // "1983-10-03" does not score 1.0 against itself there (see the next test); every other line does.
        var references = (await WebNlgReferences()).Where(line => !line.Contains('"')).ToList();

        var report = new EdcScorer().Score(EdcOutputReader.Pair(references, references, null).Entries);

        Assert.Equal(806, report.Entries);
        foreach (var scheme in Enum.GetValues<EvaluationScheme>())
        {
            Assert.Equal(PyNumber.Float(1.0), report.Total(scheme).F1);
            Assert.Equal(0, report.Total(scheme).Missed + report.Total(scheme).Spurious + report.Total(scheme).Incorrect + report.Total(scheme).Partial);
            foreach (var tag in Enum.GetValues<TripleTag>())
            {
                Assert.Equal(1.0, report.For(tag, scheme).Precision.Value);
            }
        }

        Assert.Equal(new FullTripleScore(1.0, 1.0, 1.0), report.FullTriple);
    }

    [Fact]
    public void Quoted_literal_against_itself_scores_as_the_reference_does()
    {
        // Gold tokens: 1983-10-03 (the quotes go); candidate tokens: `` 1983-10-03 '' (single quote characters stay
        // only if one character long, and `` is two). The object spans differ, so Strict and Exact score 2 of 3.
        var report = new EdcScorer().Score([new EvaluationEntry(1, ["Bananaman | firstAired | \"1983-10-03\""], ["Bananaman | firstAired | \"1983-10-03\""])]);

        Assert.Equal(2.0 / 3, report.Total(EvaluationScheme.Strict).F1.Value);
        Assert.Equal(1.0, report.Total(EvaluationScheme.EntType).F1.Value);
    }

    [Fact]
    public async Task Empty_predictions_give_zero_everywhere()
    {
        var references = await WebNlgReferences();
        var empty = references.Select(_ => "[]").ToList();

        var report = new EdcScorer().Score(EdcOutputReader.Pair(empty, references, null).Entries);

        foreach (var scheme in Enum.GetValues<EvaluationScheme>())
        {
            var total = report.Total(scheme);
            Assert.Equal((0, 0), (total.Correct, total.Actual));
            Assert.Equal(PyNumber.IntZero, total.Precision);
            Assert.Equal(PyNumber.Float(0.0), total.Recall);
            Assert.Equal(PyNumber.IntZero, total.F1);
        }

        Assert.Equal(new FullTripleScore(0, 0, 0), report.FullTriple);
    }
}
