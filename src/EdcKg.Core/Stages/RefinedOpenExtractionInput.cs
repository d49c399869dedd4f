namespace EdcKg.Core.Stages;

/// <summary>What refined open extraction (EDC+R) needs for one item.</summary>
/// <param name="Text">The text of the item.</param>
/// <param name="Hint">The entity and relation hints the refinement-hint stage built for it.</param>
public sealed record RefinedOpenExtractionInput(string Text, RefinementHint Hint);
