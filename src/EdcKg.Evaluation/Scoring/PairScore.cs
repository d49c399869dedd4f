namespace EdcKg.Evaluation.Scoring;

/// <summary>nervaluate's result for one (reference triple, candidate triple) pair: all schemes overall and per tag.</summary>
public sealed record PairScore(IReadOnlyList<SchemeScore> Overall, IReadOnlyList<IReadOnlyList<SchemeScore>> PerTag)
{
    /// <summary>The score of one scheme over all tags.</summary>
    public SchemeScore this[EvaluationScheme scheme] => Overall[(int)scheme];

    /// <summary>The score of one scheme for one tag.</summary>
    public SchemeScore For(TripleTag tag, EvaluationScheme scheme) => PerTag[(int)tag][(int)scheme];
}
