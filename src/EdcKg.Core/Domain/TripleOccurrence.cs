using EdcKg.Core.Chunking;

namespace EdcKg.Core.Domain;

/// <summary>
/// Where a triple was read: the chunk of its document (index and code-point range in the document's text) and the
/// spans of its subject and object in that chunk, null where the chunk's text holds no such mention.
/// </summary>
/// <param name="ChunkIndex">The chunk's position in its document.</param>
/// <param name="ChunkStart">The chunk's first code point in the document's text.</param>
/// <param name="ChunkEnd">The code point after the chunk's last.</param>
/// <param name="SubjectSpan">A mention of the subject inside the chunk, in code points of the document's text.</param>
/// <param name="ObjectSpan">A mention of the object inside the chunk, likewise.</param>
public sealed record TripleOccurrence(int ChunkIndex, int ChunkStart, int ChunkEnd, SourceSpan? SubjectSpan, SourceSpan? ObjectSpan)
{
    /// <summary>The occurrence of <paramref name="triple"/> in <paramref name="chunk"/>, with the spans found there (<see cref="MentionFinder.FindPair"/>).</summary>
    public static TripleOccurrence In(Chunk chunk, Triple triple)
    {
        var (subject, @object) = MentionFinder.FindPair(chunk, triple.Subject, triple.Object);
        return new(chunk.Index, chunk.Start, chunk.End, subject, @object);
    }
}
