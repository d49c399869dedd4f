using EdcKg.Evaluation.PythonCompat;

namespace EdcKg.Evaluation.Scoring;

/// <summary>
/// The reference report's figures for one scheme: counts summed over the selected triple pairs, and precision,
/// recall and F1 as the mean over those pairs (not micro-averaged), exactly as EDC's script prints them.
/// </summary>
public sealed record SchemeTotals(
    int Correct,
    int Incorrect,
    int Partial,
    int Missed,
    int Spurious,
    int Possible,
    int Actual,
    PyNumber Precision,
    PyNumber Recall,
    PyNumber F1)
{
    /// <summary>All zero: the figures of a run with nothing to score.</summary>
    public static SchemeTotals Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, PyNumber.IntZero, PyNumber.IntZero, PyNumber.IntZero);

    /// <summary>Sums and averages the scores of the selected pairs.</summary>
    public static SchemeTotals Of(IReadOnlyList<SchemeScore> scores)
    {
        if (scores.Count == 0)
        {
            return Zero;
        }

        return new SchemeTotals(
            scores.Sum(s => s.Correct),
            scores.Sum(s => s.Incorrect),
            scores.Sum(s => s.Partial),
            scores.Sum(s => s.Missed),
            scores.Sum(s => s.Spurious),
            scores.Sum(s => s.Possible),
            scores.Sum(s => s.Actual),
            PythonNumbers.Mean(scores.Select(s => s.Precision).ToArray()),
            PythonNumbers.Mean(scores.Select(s => s.Recall).ToArray()),
            PythonNumbers.Mean(scores.Select(s => s.F1).ToArray()));
    }
}
