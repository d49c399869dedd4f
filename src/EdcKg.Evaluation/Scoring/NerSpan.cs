namespace EdcKg.Evaluation.Scoring;

/// <summary>A labelled span of token positions, as nervaluate compares them (<c>end</c> is inclusive).</summary>
internal readonly record struct NerSpan(string Label, int Start, int End);
