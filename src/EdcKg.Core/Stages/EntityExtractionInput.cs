namespace EdcKg.Core.Stages;

/// <summary>What entity extraction (EDC+R) needs for one item.</summary>
/// <param name="Text">The text of the item.</param>
public sealed record EntityExtractionInput(string Text);
