using System.Globalization;

namespace EdcKg.Core.Chunking;

/// <summary>
/// A piece of a document that one prompt reads: its position in the document (<paramref name="Index"/> from 0) and
/// its range <c>[Start, End)</c> in the document's text, counted in Unicode code points so Python's
/// <c>text[start:end]</c> on <c>documents.jsonl</c>'s text gives <paramref name="Text"/>.
/// </summary>
/// <param name="DocumentIndex">The document's position in corpus order.</param>
/// <param name="DocumentId">The document's id.</param>
/// <param name="Index">The chunk's position in its document, from 0.</param>
/// <param name="Start">First code point of the chunk in the document's text.</param>
/// <param name="End">Code point after the chunk's last one.</param>
/// <param name="Text">The chunk's text, exactly the document's text over the range.</param>
public sealed record Chunk(int DocumentIndex, string DocumentId, int Index, int Start, int End, string Text)
{
    /// <summary>A stable id: document id, index and range (<c>doc#2@1200-2410</c>); the same text chunked the same way gives the same ids.</summary>
    public string Id => IdOf(DocumentId, Index, Start, End);

    /// <summary>The id of the chunk <paramref name="index"/> of <paramref name="documentId"/> over <c>[start, end)</c>.</summary>
    public static string IdOf(string documentId, int index, int start, int end)
        => string.Create(CultureInfo.InvariantCulture, $"{documentId}#{index}@{start}-{end}");
}
