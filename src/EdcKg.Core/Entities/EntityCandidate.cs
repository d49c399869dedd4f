namespace EdcKg.Core.Entities;

/// <summary>An existing entity offered for a mention, with the signals that ranked it.</summary>
/// <param name="EntityId">The entity's id.</param>
/// <param name="Name">Its canonical name when it was offered.</param>
/// <param name="Score">The combined score candidates are ranked by.</param>
/// <param name="Lexical">The best name similarity between the mention and the entity's names (0..1).</param>
/// <param name="Cosine">The cosine similarity of the mention's embedding (name with context) to the entity's mean embedding.</param>
public sealed record EntityCandidate(string EntityId, string Name, float Score, float Lexical, float Cosine);
