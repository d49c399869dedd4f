namespace EdcKg.Core.Stages;

/// <summary>What schema retrieval (EDC+R) needs for one item.</summary>
/// <param name="Text">The text whose relations are looked for.</param>
public sealed record SchemaRetrievalInput(string Text);
