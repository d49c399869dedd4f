using System.Text;
using EdcKg.Core.Inputs;

namespace EdcKg.Core.Tests.Inputs;

public sealed class FolderCorpusTests : IDisposable
{
    private readonly string folder = TestPaths.TempDirectory();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void HtmlPage_KeepsMainContent_WithoutScriptsNavigationOrFooters()
    {
        var text = HtmlReader.ToPlainText(CorpusFixtures.HtmlWithNoise);
        Assert.Equal("Marie Curie\n\nMarie Curie was born in Warsaw. She won the Nobel Prize in Physics.\n\nPierre Curie was her husband.\nThey worked in Paris.", text);
    }

    [Fact]
    public void HtmlPage_WithoutMain_UsesTheBodyLessItsNoise()
    {
        var text = HtmlReader.ToPlainText("<html><body><nav>Menu</nav><div class=\"menu-top\">Links</div><p>Ada Lovelace wrote the first program.</p><footer>Footer</footer></body></html>");
        Assert.Equal("Ada Lovelace wrote the first program.", text);
    }

    [Fact]
    public void Markdown_GivesPlainTextWithHeadingsAndWithoutMarkup()
    {
        var text = new MarkdownReader().ToPlainText(CorpusFixtures.MarkdownNote);
        Assert.Equal("Alan Shepard\n\nAlan Shepard was an astronaut born in Derry.\n\nHe flew on Apollo 14.\n\nHe walked on the Moon.", text);
    }

    [Fact]
    public void Pdf_GivesEachPagesTextInOrder()
    {
        var path = Write("paper.pdf", CorpusFixtures.Pdf("Marie Curie was born in Warsaw.", "She moved to Paris in 1891."));
        var text = new PdfReader().ReadText(path);
        Assert.Equal("Marie Curie was born in Warsaw.\n\nShe moved to Paris in 1891.", text);
    }

    [Fact]
    public void CorruptPdf_IsUnreadableWithItsReason()
    {
        var path = Write("broken.pdf", CorpusFixtures.CorruptPdf());
        var error = Assert.Throws<UnreadableDocumentException>(() => new PdfReader().ReadText(path));
        Assert.StartsWith("not a readable PDF", error.Message);
    }

    [Fact]
    public void Folder_ReadsEveryFormatRecursively_AndListsWhatItSkipsWithReasons()
    {
        Write("notes/shepard.md", CorpusFixtures.MarkdownNote);
        Write("web/curie.html", CorpusFixtures.HtmlWithNoise);
        Write("paper.pdf", CorpusFixtures.Pdf("Marie Curie was born in Warsaw."));
        Write("a.txt", "Line one.\r\nLine two.\r\n\r\n\r\n\r\nNext paragraph.  \n");
        Write("more.jsonl", "{\"id\": \"x\", \"text\": \"From JSONL.\"}\n");
        Write("broken.pdf", CorpusFixtures.CorruptPdf());
        Write("image.png", CorpusFixtures.Binary());
        Write("latin1.txt", [.. Encoding.ASCII.GetBytes("caf"), 0xE9, .. Encoding.ASCII.GetBytes("\n")]);
        Write("binary.txt", [.. Encoding.ASCII.GetBytes("abc"), 0, 0, 1]);
        Write("empty.html", "<html><body><nav>only navigation</nav></body></html>");
        Write(".git/config", "[core]");

        var corpus = CorpusReader.ReadCorpus(folder);

        Assert.Equal(["a.txt", "more.jsonl#x", "notes/shepard.md", "paper.pdf", "web/curie.html"], corpus.Documents.Select(d => d.Id));
        Assert.Equal([0, 1, 2, 3, 4], corpus.Documents.Select(d => d.Index));
        Assert.Equal(["a.txt", "more.jsonl", "notes/shepard.md", "paper.pdf", "web/curie.html"], corpus.Documents.Select(d => d.Source));
        Assert.Equal("Line one.\nLine two.\n\nNext paragraph.", corpus.Documents[0].Text);
        var skipped = corpus.Skipped.ToDictionary(s => s.Source, s => s.Reason);
        Assert.Equal(["binary.txt", "broken.pdf", "empty.html", "image.png", "latin1.txt"], skipped.Keys);
        Assert.Contains("NUL", skipped["binary.txt"]);
        Assert.StartsWith("not a readable PDF", skipped["broken.pdf"]);
        Assert.Equal("no text after extraction", skipped["empty.html"]);
        Assert.StartsWith("unsupported format (.png", skipped["image.png"]);
        Assert.Contains("not valid UTF-8", skipped["latin1.txt"]);
    }

    [Fact]
    public void Folder_WhereNothingIsReadable_IsAnEmptyCorpusNamingTheSkippedFiles()
    {
        Write("broken.pdf", CorpusFixtures.CorruptPdf());
        var error = Assert.Throws<InputException>(() => CorpusReader.ReadCorpus(folder));
        Assert.Contains("the corpus is empty", error.Message);
        Assert.Contains("broken.pdf: not a readable PDF", error.Message);
    }

    [Fact]
    public void SingleFile_OfAnotherFormat_IsOneDocumentNamedAfterTheFile()
    {
        var path = Write("curie.html", CorpusFixtures.HtmlWithNoise);
        var document = Assert.Single(CorpusReader.ReadCorpus(path).Documents);
        Assert.Equal("curie.html", document.Id);
        Assert.StartsWith("Marie Curie\n\n", document.Text);
    }

    [Fact]
    public void SingleEdcFile_KeepsOneDocumentPerLineExactly()
    {
        var path = Write("dataset.txt", "  First line kept as is. \nSecond.\n");
        var documents = CorpusReader.ReadCorpus(path).Documents;
        Assert.Equal(["  First line kept as is. ", "Second."], documents.Select(d => d.Text));
        Assert.All(documents, d => Assert.Equal("dataset.txt", d.Source));
    }

    [Fact]
    public void SingleCorruptPdf_IsBadInputNamingTheFile()
    {
        var path = Write("broken.pdf", CorpusFixtures.CorruptPdf());
        var error = Assert.Throws<InputException>(() => CorpusReader.ReadCorpus(path));
        Assert.StartsWith(path + ": not a readable PDF", error.Message);
    }

    private string Write(string relative, string content) => Write(relative, Encoding.UTF8.GetBytes(content));

    private string Write(string relative, byte[] content)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }
}
