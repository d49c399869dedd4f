namespace EdcKg.Core.Inputs;

/// <summary>Turns one file of a given format into the plain text that the pipeline reads and that all offsets refer to.</summary>
public interface IDocumentReader
{
    /// <summary>The file name endings it reads, lower case with the dot (<c>.html</c>).</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>
    /// Reads the file at <paramref name="path"/>; a file that cannot be read (corrupt, undecodable, no text in it)
    /// raises <see cref="UnreadableDocumentException"/> with the reason, so a corpus can skip it and go on.
    /// </summary>
    string ReadText(string path);
}
