namespace EdcKg.Core.Domain;

/// <summary>A relation with the definition the LLM wrote for it in the context of a document.</summary>
public sealed record RelationDefinition(string Relation, string Definition);
