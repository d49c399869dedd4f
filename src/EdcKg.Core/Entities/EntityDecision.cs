namespace EdcKg.Core.Entities;

/// <summary>
/// The record of one entity-resolution decision: the mention, the candidates with their scores, the model's raw answer
/// and the outcome. Decisions are replayed in <see cref="Sequence"/> order to rebuild the entities, so a resumed run,
/// a later update or a user's correction (a decision with another <see cref="Source"/>) start from exactly the
/// clusters these decisions made.
/// </summary>
/// <param name="Sequence">The position of the decision in the iteration (from 0).</param>
/// <param name="Mention">The mention decided about.</param>
/// <param name="Candidates">The candidates offered, best first (empty when there were none).</param>
/// <param name="Answer">The model's raw answer, when it was asked.</param>
/// <param name="Outcome">What was decided.</param>
/// <param name="EntityId">The entity the mention belongs to after the decision.</param>
/// <param name="Source">Who decided: <c>exact</c> (normalised names equal), <c>model</c>, <c>none</c> (no candidate), or a user's name.</param>
public sealed record EntityDecision(
    int Sequence,
    EntityMention Mention,
    IReadOnlyList<EntityCandidate> Candidates,
    string? Answer,
    EntityDecisionOutcome Outcome,
    string EntityId,
    string Source)
{
    /// <summary>The entity ids the decision says the mention is not (the candidates of a "None of the above", or the refused target).</summary>
    public IReadOnlyList<string> DifferentFrom { get; init; } = [];
}
