namespace EdcKg.Benchmarks;

/// <summary>What one path of <see cref="PipelineBenchmark"/> achieved over the documents.</summary>
/// <param name="Documents">Documents run through every stage.</param>
/// <param name="Seconds">Wall-clock time of the whole run.</param>
/// <param name="Requests">LLM calls answered.</param>
/// <param name="PromptTokens">Prompt tokens of those calls.</param>
/// <param name="PromptTokensEvaluated">Prompt tokens run through the model (the rest came from the prefix cache).</param>
/// <param name="AnswerTokens">Tokens generated.</param>
/// <param name="CanonicalTriples">Triples in the final knowledge graph.</param>
public sealed record PipelinePathFigures(int Documents, double Seconds, long Requests, long PromptTokens, long PromptTokensEvaluated, long AnswerTokens, int CanonicalTriples)
{
    /// <summary>Each stage's share of the run, in the order the stages ran.</summary>
    public IReadOnlyList<StageFigures> Stages { get; init; } = [];

    /// <summary>
    /// A digest (SHA-256, hex) of each stage's stored outputs over all documents, by the stage's name as in
    /// <see cref="Stages"/>: equal digests on both paths mean that they got the same answers and so did the same work.
    /// </summary>
    public IReadOnlyDictionary<string, string> OutputDigests { get; init; } = new Dictionary<string, string>();

    /// <summary>Documents through the whole pipeline per second.</summary>
    public double DocumentsPerSecond => Documents / Seconds;
}
