namespace EdcKg.Core.Entities;

/// <summary>What entity resolution decided for a mention.</summary>
public enum EntityDecisionOutcome
{
    /// <summary>The normalised name equals one of an entity's names: merged without asking.</summary>
    MergedExact,

    /// <summary>The model chose one of the candidates: merged into it.</summary>
    Merged,

    /// <summary>A new entity: no candidate, or the model answered "None of the above" (the mention is then recorded as different from every candidate).</summary>
    New,

    /// <summary>
    /// The merge asked for would join two entities already decided to be different: refused, and the mention became a
    /// new entity.
    /// </summary>
    Refused,
}
