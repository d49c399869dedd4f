namespace EdcKg.Core.Stages;

/// <summary>What open extraction needs for one item.</summary>
/// <param name="Text">The text of the item (a document today, a chunk of one once documents are chunked).</param>
public sealed record OpenExtractionInput(string Text);
