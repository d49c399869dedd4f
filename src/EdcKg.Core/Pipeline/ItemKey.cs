using System.Globalization;

namespace EdcKg.Core.Pipeline;

/// <summary>
/// The key of one unit of work of a stage: a document and a chunk of it, in corpus order. Chunk 0 is the whole
/// document as long as documents are not chunked, and every stored output is keyed by it.
/// </summary>
/// <param name="DocumentIndex">The document's position in corpus order.</param>
/// <param name="ChunkIndex">The chunk's position in its document (0 for the first, or the whole document).</param>
public readonly record struct ItemKey(int DocumentIndex, int ChunkIndex = 0) : IComparable<ItemKey>
{
    /// <summary>Corpus order: by document, then by chunk.</summary>
    public int CompareTo(ItemKey other)
    {
        var byDocument = DocumentIndex.CompareTo(other.DocumentIndex);
        return byDocument != 0 ? byDocument : ChunkIndex.CompareTo(other.ChunkIndex);
    }

    /// <summary>"3" for a whole document, "3.1" for a chunk.</summary>
    public override string ToString()
        => ChunkIndex == 0 ? DocumentIndex.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{DocumentIndex}.{ChunkIndex}");
}
