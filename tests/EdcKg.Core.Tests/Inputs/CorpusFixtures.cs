using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace EdcKg.Core.Tests.Inputs;

/// <summary>Files of every corpus format, made in code: a PDF written with PdfPig's builder, a page full of noise, a broken PDF.</summary>
internal static class CorpusFixtures
{
    public const string HtmlWithNoise = """
        <!DOCTYPE html>
        <html><head><title>Site title</title><style>body { color: red; }</style>
        <script>var tracking = "do not read me";</script></head>
        <body>
          <header class="site-header"><a href="/">Home</a> <a href="/about">About us</a></header>
          <nav><ul><li><a href="/a">Menu entry one</a></li><li>Menu entry two</li></ul></nav>
          <div class="sidebar">Popular posts: nothing to see</div>
          <main>
            <article>
              <h1>Marie Curie</h1>
              <p>Marie Curie was born in Warsaw.   She won the <b>Nobel Prize</b> in Physics.</p>
              <p>Pierre Curie was her husband.<br>They worked in Paris.</p>
              <script>document.write("injected");</script>
            </article>
          </main>
          <div id="cookie-banner">We use cookies.</div>
          <footer>Copyright 2024, all rights reserved.</footer>
        </body></html>
        """;

    public const string MarkdownNote = """
        ---
        title: front matter is not text
        ---
        # Alan Shepard

        Alan Shepard was an **astronaut** born in [Derry](https://example.org/derry).

        - He flew on *Apollo 14*.
        - He walked on the `Moon`.

        <div>raw html block</div>
        """;

    /// <summary>A two-page PDF with one line of text per page.</summary>
    public static byte[] Pdf(params string[] pageLines)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var line in pageLines)
        {
            var page = builder.AddPage(595, 842);
            page.AddText(line, 12, new PdfPoint(40, 780), font);
        }

        return builder.Build();
    }

    /// <summary>The start of a real PDF, cut off and followed by garbage: no cross-reference table, no objects.</summary>
    public static byte[] CorruptPdf()
    {
        var pdf = Pdf("This text will never be read.");
        return [.. pdf.AsSpan(0, 60), .. "\n%%garbage\u0000\u0001\u0002 obj << /Broken"u8];
    }

    /// <summary>Bytes of an image-like binary file.</summary>
    public static byte[] Binary() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0xFF, 0xFE, 0x00, 0x01];
}
