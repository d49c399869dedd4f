using EdcKg.Core.Domain;
using EdcKg.Core.Retrieval;

namespace EdcKg.Core.Stages;

/// <summary>What schema canonicalization needs for one item.</summary>
/// <param name="Text">The text the triples were extracted from.</param>
/// <param name="Triples">The open triples, in the order open extraction gave them.</param>
/// <param name="Definitions">Schema definition's output for the item.</param>
/// <param name="Schema">The schema to canonicalize against (it grows when the stage enriches it).</param>
public sealed record SchemaCanonicalizationInput(string Text, IReadOnlyList<Triple> Triples, SchemaDefinitionOutput Definitions, CanonicalSchema Schema);
