namespace EdcKg.Evaluation.Scoring;

/// <summary>A prediction line that the reference skips (with its reference line), and why.</summary>
public sealed record RejectedLine(int Line, string Reason);
