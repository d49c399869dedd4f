namespace EdcKg.Evaluation.Scoring;

/// <summary>The result of scoring a run against its references, with the same figures as EDC's evaluation script.</summary>
/// <param name="Entries">How many lines were scored.</param>
/// <param name="Totals">Figures over all tags, indexed by <see cref="EvaluationScheme"/>.</param>
/// <param name="PerTag">Figures per tag, indexed by <see cref="TripleTag"/> then <see cref="EvaluationScheme"/>.</param>
/// <param name="FullTriple">The exact-triple macro scores.</param>
/// <param name="Alignments">For each scored line, the reference index chosen for each (padded) candidate index.</param>
public sealed record EvaluationReport(
    int Entries,
    IReadOnlyList<SchemeTotals> Totals,
    IReadOnlyList<IReadOnlyList<SchemeTotals>> PerTag,
    FullTripleScore FullTriple,
    IReadOnlyList<IReadOnlyList<int>> Alignments)
{
    /// <summary>Figures of one scheme over all tags.</summary>
    public SchemeTotals Total(EvaluationScheme scheme) => Totals[(int)scheme];

    /// <summary>Figures of one scheme for one tag.</summary>
    public SchemeTotals For(TripleTag tag, EvaluationScheme scheme) => PerTag[(int)tag][(int)scheme];
}
