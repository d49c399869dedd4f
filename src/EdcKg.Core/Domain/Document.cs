namespace EdcKg.Core.Domain;

/// <summary>One document of the corpus: its position in corpus order (from 0), a stable id and its text.</summary>
public sealed record Document(int Index, string Id, string Text)
{
    /// <summary>
    /// Where the document was read from: the file's path relative to the input folder (with <c>/</c>), or the input
    /// file's name for a single-file corpus; null when not known (a document read back from an older run store).
    /// </summary>
    public string? Source { get; init; }
}
