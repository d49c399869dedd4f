using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace EdcKg.Core.Inputs;

/// <summary>
/// A PDF (PdfPig) as plain text: each page's text in content order (the order the page draws it, which for
/// ordinary documents is the reading order), pages one after another separated by an empty line, words broken by a
/// hyphen at a line end joined again. A PDF without a text layer (scanned pages) gives no text and is skipped.
/// </summary>
public sealed partial class PdfReader : IDocumentReader
{
    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = [".pdf"];

    /// <inheritdoc />
    public string ReadText(string path)
    {
        try
        {
            using var pdf = PdfDocument.Open(path);
            var pages = new List<string>(pdf.NumberOfPages);
            foreach (var page in pdf.GetPages())
            {
                var text = ContentOrderTextExtractor.GetText(page, new ContentOrderTextExtractor.Options { SeparateParagraphsWithDoubleNewline = true });
                pages.Add(PlainText.Tidy(text));
            }

            return PlainText.Tidy(LineEndHyphen().Replace(string.Join("\n\n", pages.Where(p => p.Length > 0)), "$1$2"));
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException or IOException or UnauthorizedAccessException))
        {
            // PdfPig raises its own format exceptions and, on damaged files, ordinary ones from deep in its parser:
            // either way this file has no usable text, and the rest of the corpus goes on.
            throw new UnreadableDocumentException($"not a readable PDF ({e.Message.TrimEnd('.')})", e);
        }
    }

    [GeneratedRegex(@"(\p{Ll})-\n(\p{Ll})")]
    private static partial Regex LineEndHyphen();
}
