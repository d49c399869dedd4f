using EdcKg.Core.Domain;

namespace EdcKg.Core.Corrections;

/// <summary>
/// A reviewer's decision, stored in the run store beside the pipeline's own decisions and applied to every output.
/// Relation corrections name their decision by content (document id, iteration and open triple), not by position, so
/// they still find it after a resume or an update re-stored the document's outputs.
/// </summary>
/// <param name="Kind">What was changed.</param>
public sealed record Correction(CorrectionKind Kind)
{
    /// <summary>The store's id (0 until stored).</summary>
    public long Id { get; init; }

    /// <summary>The document of the decision (relation corrections) or of the mentions (a split).</summary>
    public string? DocumentId { get; init; }

    /// <summary>The iteration of the corrected decision (relation corrections).</summary>
    public int? Iteration { get; init; }

    /// <summary>The open triple whose canonicalization is corrected (relation corrections).</summary>
    public Triple? OpenTriple { get; init; }

    /// <summary>The relation chosen instead (<see cref="CorrectionKind.ChooseRelation"/>).</summary>
    public string? Relation { get; init; }

    /// <summary>The entity merged or split, by name.</summary>
    public string? Entity { get; init; }

    /// <summary>The entity's new name: the entity merged into, or the name of the entity split off.</summary>
    public string? NewName { get; init; }

    /// <summary>Who made the correction.</summary>
    public string User { get; init; } = string.Empty;

    /// <summary>When it was made.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Who undid it, when it was undone.</summary>
    public string? UndoneBy { get; init; }

    /// <summary>When it was undone; an undone correction is kept as history and applies to nothing.</summary>
    public DateTimeOffset? UndoneAt { get; init; }

    /// <summary>Whether the correction still applies.</summary>
    public bool IsActive => UndoneAt is null;

    /// <summary>Whether it changes a canonicalization decision (rather than entities).</summary>
    public bool IsRelationCorrection => Kind is CorrectionKind.ChooseRelation or CorrectionKind.KeepOpenRelation or CorrectionKind.DropTriple;
}
