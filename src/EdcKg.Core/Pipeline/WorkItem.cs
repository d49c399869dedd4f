using EdcKg.Core.Domain;

namespace EdcKg.Core.Pipeline;

/// <summary>
/// One unit of work of a stage: the text a stage reads, with the key its output is stored under and the document it
/// belongs to (for provenance). Today every document is one item (chunk 0, its whole text).
/// </summary>
/// <param name="Key">The item's key, in corpus order.</param>
/// <param name="Document">The document the text comes from.</param>
/// <param name="Text">The text the stages read.</param>
public sealed record WorkItem(ItemKey Key, Document Document, string Text)
{
    /// <summary>The item of a whole document.</summary>
    public static WorkItem Of(Document document) => new(new ItemKey(document.Index), document, document.Text);

    /// <summary>How logs and failure records name the item: the document id, with the chunk when there is one.</summary>
    public string Label => Key.ChunkIndex == 0 ? Document.Id : $"{Document.Id}#{Key.ChunkIndex}";
}
