using EdcKg.Core.Domain;

namespace EdcKg.Core.Stages;

/// <summary>What schema definition needs for one item.</summary>
/// <param name="Text">The text the triples were extracted from.</param>
/// <param name="Triples">The open triples whose relations are to be defined.</param>
public sealed record SchemaDefinitionInput(string Text, IReadOnlyList<Triple> Triples);
