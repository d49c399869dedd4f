namespace EdcKg.Core.Inputs;

/// <summary>A <c>.txt</c> file of a folder as one document: strict UTF-8, tidied (<see cref="PlainText"/>).</summary>
public sealed class PlainTextReader : IDocumentReader
{
    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".txt"];

    /// <inheritdoc />
    public string ReadText(string path) => Decode(path);

    /// <summary>Decodes a text file; bytes that are not UTF-8, or NUL bytes (a binary file), make it unreadable.</summary>
    internal static string Decode(string path)
    {
        string text;
        try
        {
            text = StrictText.ReadFile(path);
        }
        catch (InputException e)
        {
            // StrictText's message starts with "path:line: "; the reason alone is what a skipped file reports.
            var reason = e.Message.StartsWith(path + ":", StringComparison.Ordinal) ? e.Message[(path.Length + 1)..].TrimStart() : e.Message;
            throw new UnreadableDocumentException("line " + reason.TrimEnd('.'), e);
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new UnreadableDocumentException("binary content (NUL bytes), not text");
        }

        return text;
    }
}
