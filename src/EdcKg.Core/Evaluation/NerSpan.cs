namespace EdcKg.Core.Evaluation;

/// <summary>A labelled span of token positions, as nervaluate compares them (<c>end</c> is inclusive).</summary>
internal readonly record struct NerSpan(string Label, int Start, int End);
