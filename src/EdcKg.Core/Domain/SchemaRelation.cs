namespace EdcKg.Core.Domain;

/// <summary>A relation of the (target or growing) schema with its natural-language definition.</summary>
public sealed record SchemaRelation(string Name, string Definition, RelationOrigin Origin);
