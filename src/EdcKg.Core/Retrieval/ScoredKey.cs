namespace EdcKg.Core.Retrieval;

/// <summary>A key of an <see cref="EmbeddingIndex"/> with its cosine similarity to a query.</summary>
public readonly record struct ScoredKey(string Key, float Score);
