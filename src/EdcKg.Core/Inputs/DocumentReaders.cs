namespace EdcKg.Core.Inputs;

/// <summary>The readers of a folder's files, found by file name ending (case-insensitive).</summary>
public sealed class DocumentReaders
{
    private readonly Dictionary<string, IDocumentReader> byExtension = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The readers for <c>.txt</c>, <c>.md</c>, <c>.html</c>/<c>.htm</c> and <c>.pdf</c>, or <paramref name="readers"/>.</summary>
    public DocumentReaders(IEnumerable<IDocumentReader>? readers = null)
    {
        foreach (var reader in readers ?? [new PlainTextReader(), new MarkdownReader(), new HtmlReader(), new PdfReader()])
        {
            foreach (var extension in reader.Extensions)
            {
                byExtension[extension] = reader;
            }
        }
    }

    /// <summary>The file name endings that have a reader.</summary>
    public IEnumerable<string> Extensions => byExtension.Keys;

    /// <summary>The reader for <paramref name="path"/>'s extension, or null when none reads it.</summary>
    public IDocumentReader? For(string path)
        => byExtension.GetValueOrDefault(Path.GetExtension(path));
}
