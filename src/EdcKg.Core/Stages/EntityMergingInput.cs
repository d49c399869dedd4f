namespace EdcKg.Core.Stages;

/// <summary>What entity merging (EDC+R) needs for one item.</summary>
/// <param name="Text">The text of the item.</param>
/// <param name="PreviousEntities">The entities of the item's triples from the previous iteration.</param>
/// <param name="ExtractedEntities">The entities entity extraction found in the text.</param>
public sealed record EntityMergingInput(string Text, IReadOnlyList<string> PreviousEntities, IReadOnlyList<string> ExtractedEntities);
