using EdcKg.Core.Domain;
using EdcKg.Core.Retrieval;

namespace EdcKg.Core.Stages;

/// <summary>What target alignment needs for one open triple.</summary>
/// <param name="Text">The text the triple was extracted from.</param>
/// <param name="Open">The open triple.</param>
/// <param name="Definition">Its relation's definition (null when schema definition left it undefined).</param>
/// <param name="Schema">The schema to align to, as it stands for this item.</param>
public sealed record TargetAlignmentInput(string Text, Triple Open, string? Definition, CanonicalSchema Schema);
