namespace EdcKg.Core.Domain;

/// <summary>One document of the corpus: its position in corpus order (from 0), a stable id and its text.</summary>
public sealed record Document(int Index, string Id, string Text);
