namespace EdcKg.Core.Domain;

/// <summary>A schema relation retrieved for an open relation, with its cosine similarity.</summary>
public sealed record CandidateRelation(string Name, float Score);
