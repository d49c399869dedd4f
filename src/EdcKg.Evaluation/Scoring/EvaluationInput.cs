namespace EdcKg.Evaluation.Scoring;

/// <summary>The lines of a prediction file paired with their reference lines, as the reference script pairs them.</summary>
/// <param name="PredictionLines">Lines in the prediction file.</param>
/// <param name="ReferenceLines">Lines in the reference file.</param>
/// <param name="Entries">The lines that are scored.</param>
/// <param name="Rejected">Prediction lines that are not a list of string triples; skipped with their reference line.</param>
/// <param name="SkippedByLengthDifference">Accepted lines left out because the triple counts differ by more than the limit.</param>
public sealed record EvaluationInput(
    int PredictionLines,
    int ReferenceLines,
    IReadOnlyList<EvaluationEntry> Entries,
    IReadOnlyList<RejectedLine> Rejected,
    IReadOnlyList<int> SkippedByLengthDifference);
