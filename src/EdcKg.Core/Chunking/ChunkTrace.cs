using EdcKg.Core.Domain;

namespace EdcKg.Core.Chunking;

/// <summary>One chunk of a document with the open triples read in it, and whether that answer was cut off at the token limit.</summary>
/// <param name="Chunk">The chunk.</param>
/// <param name="Triples">Every open triple its extraction gave (also those an earlier chunk gave too).</param>
/// <param name="Truncated">Whether the extraction's answer stopped at the token limit.</param>
public sealed record ChunkTrace(Chunk Chunk, IReadOnlyList<Triple> Triples, bool Truncated = false);
