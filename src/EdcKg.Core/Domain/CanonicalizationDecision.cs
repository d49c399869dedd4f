using System.Text.Json.Serialization;
using EdcKg.Core.Corrections;

namespace EdcKg.Core.Domain;

/// <summary>The full record of how one open triple was canonicalized.</summary>
/// <param name="OpenTriple">The triple as open extraction produced it.</param>
/// <param name="Kind">What was decided.</param>
/// <param name="Result">The canonical triple, or null when the triple was dropped.</param>
/// <param name="Candidates">The retrieved candidates in rank order (empty when none were retrieved).</param>
/// <param name="Answer">The verifier's raw answer, when it was asked.</param>
public sealed record CanonicalizationDecision(
    Triple OpenTriple,
    DecisionKind Kind,
    Triple? Result,
    IReadOnlyList<CandidateRelation> Candidates,
    string? Answer)
{
    /// <summary>The similarity of the chosen candidate, when one was chosen.</summary>
    public float? Score => Result is null ? null : Candidates.FirstOrDefault(c => c.Name == Result.Relation)?.Score;

    /// <summary>The reviewer's correction that made this decision what it is; never stored with the stage's output.</summary>
    [JsonIgnore]
    public AppliedCorrection? Correction { get; init; }
}
