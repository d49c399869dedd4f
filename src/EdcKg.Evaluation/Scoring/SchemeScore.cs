using EdcKg.Evaluation.PythonCompat;

namespace EdcKg.Evaluation.Scoring;

/// <summary>nervaluate's counts and scores for one evaluation scheme (Ent_type, Partial, Strict or Exact).</summary>
public sealed record SchemeScore(
    int Correct,
    int Incorrect,
    int Partial,
    int Missed,
    int Spurious,
    PyNumber Precision,
    PyNumber Recall,
    PyNumber F1)
{
    /// <summary>Reference annotations that count: correct + incorrect + partial + missed.</summary>
    public int Possible => Correct + Incorrect + Partial + Missed;

    /// <summary>Annotations produced: correct + incorrect + partial + spurious.</summary>
    public int Actual => Correct + Incorrect + Partial + Spurious;
}
