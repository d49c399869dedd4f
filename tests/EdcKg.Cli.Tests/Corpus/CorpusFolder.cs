using System.Globalization;
using System.Text;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace EdcKg.Cli.Tests.Corpus;

/// <summary>
/// A corpus folder made in code, as a new user's would be: a long text, an HTML page with navigation, script and
/// footer noise, a Markdown note, a PDF, a corrupt PDF and a binary file. Sentences read "Subject relation Object."
/// so the scripted model's triples come from the chunk it is shown.
/// </summary>
internal static class CorpusFolder
{
    /// <summary>The readable documents' ids (relative paths), in corpus order.</summary>
    public static readonly string[] Readable = ["long.txt", "notes/note.md", "paper.pdf", "web/page.html"];

    /// <summary>Writes the folder under <paramref name="root"/> with a long text of <paramref name="sentences"/> sentences; returns its path.</summary>
    public static string Write(string root, int sentences)
    {
        var folder = Path.Combine(root, "corpus");
        var text = new StringBuilder();
        for (var i = 0; i < sentences; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Person{i} knows Person{i + 1}. ");
        }

        Write(folder, "long.txt", Encoding.UTF8.GetBytes(text.ToString().Trim() + "\n"));
        Write(folder, "web/page.html", Encoding.UTF8.GetBytes("""
            <html><head><title>Site</title><script>var Tracker = "Script noise.";</script><style>p { color: red; }</style></head>
            <body><nav><a href="/">Home Menu</a> <a href="/x">Navigation Noise</a></nav>
            <main><p>Curie discovered Polonium. Curie won the Nobel_Prize.</p><script>Injected noise.</script></main>
            <footer>Copyright Footer Noise.</footer></body></html>
            """));
        Write(folder, "notes/note.md", Encoding.UTF8.GetBytes("Shepard flew on *Apollo 14*. Shepard walked on the [Moon](https://example.org/moon).\n"));
        Write(folder, "paper.pdf", Pdf("Darwin sailed on Beagle."));
        Write(folder, "broken.pdf", [.. Pdf("Never read.").AsSpan(0, 60), .. "\n%%garbage obj << /Broken"u8]);
        Write(folder, "image.bin", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0xFF, 0xFE, 0x00, 0x01]);
        return folder;
    }

    private static byte[] Pdf(string line)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        builder.AddPage(595, 842).AddText(line, 12, new PdfPoint(40, 780), font);
        return builder.Build();
    }

    private static void Write(string folder, string relative, byte[] content)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }
}
