using EdcKg.Core.Domain;

namespace EdcKg.Core.Inputs;

/// <summary>What reading an input gave: the documents in corpus order and the files that were skipped, with reasons.</summary>
public sealed record Corpus(IReadOnlyList<Document> Documents, IReadOnlyList<SkippedInput> Skipped);
