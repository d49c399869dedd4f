using EdcKg.Core.Corrections;

namespace EdcKg.Core.Domain;

/// <summary>A canonical triple of the final graph, with its provenance.</summary>
/// <param name="DocumentId">The id of the document it was extracted from.</param>
/// <param name="DocumentIndex">That document's position in corpus order.</param>
/// <param name="Iteration">The EDC iteration (0, or k for EDC+R refinement k).</param>
/// <param name="Triple">The canonical triple.</param>
/// <param name="OpenRelation">The relation open extraction produced.</param>
/// <param name="Decision">How canonicalization decided.</param>
/// <param name="Score">The cosine similarity of the chosen relation, when one was chosen among candidates.</param>
public sealed record CanonicalTriple(
    string DocumentId,
    int DocumentIndex,
    int Iteration,
    Triple Triple,
    string OpenRelation,
    DecisionKind Decision,
    float? Score)
{
    /// <summary>The reviewer's correction that changed this triple, when one did.</summary>
    public AppliedCorrection? Correction { get; init; }

    /// <summary>The id of the subject's entity, when entities were resolved.</summary>
    public string? SubjectId { get; init; }

    /// <summary>The id of the object's entity, when entities were resolved.</summary>
    public string? ObjectId { get; init; }

    /// <summary>Every place in the document it was read, first occurrence first; empty when the run did not record chunks.</summary>
    public IReadOnlyList<TripleOccurrence> Occurrences { get; init; } = [];

    /// <summary>True when it was parsed from an answer cut off at the token limit (the rest of that answer is lost).</summary>
    public bool Truncated { get; init; }
}
