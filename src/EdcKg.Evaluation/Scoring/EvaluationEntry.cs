namespace EdcKg.Evaluation.Scoring;

/// <summary>
/// One scored line: the reference triples and the candidate triples of the same document, each already written as
/// the reference scorer writes them (<c>"subject | predicate | object"</c>).
/// </summary>
/// <param name="Line">The 1-based line number in the prediction file, for messages.</param>
/// <param name="ReferenceTriples">The gold triples.</param>
/// <param name="CandidateTriples">The predicted triples.</param>
public sealed record EvaluationEntry(int Line, IReadOnlyList<string> ReferenceTriples, IReadOnlyList<string> CandidateTriples);
