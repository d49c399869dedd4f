using System.Text.Json;
using EdcKg.Core.Domain;

namespace EdcKg.Core.Inputs;

/// <summary>
/// Reads a corpus: an EDC dataset file (one document per line, id = line index from 0, so line i still pairs with
/// line i of a reference file), a JSONL file of <c>{"id", "text"}</c> objects, a single Markdown, HTML or PDF file
/// (one document, id = the file name), or a folder read recursively (one document per <c>.txt</c>, <c>.md</c>,
/// <c>.html</c>/<c>.htm</c> or <c>.pdf</c> file, id = the path relative to the folder, ordinal path order; a
/// <c>.jsonl</c> file in a folder gives its documents as <c>path#id</c>). A file of a folder that gives no text, or
/// of another format, is skipped and listed with the reason; the run goes on with the others.
/// </summary>
public static class CorpusReader
{
    /// <summary>Reads the corpus at <paramref name="path"/>; every problem names the file and line.</summary>
    public static IReadOnlyList<Document> Read(string path) => ReadCorpus(path).Documents;

    /// <summary>
    /// Reads the corpus at <paramref name="path"/> with <paramref name="readers"/> (the built-in ones when null). A
    /// missing input, an empty corpus, or a single input file that is malformed raises <see cref="InputException"/>.
    /// </summary>
    public static Corpus ReadCorpus(string path, DocumentReaders? readers = null)
    {
        readers ??= new DocumentReaders();
        Corpus corpus;
        if (Directory.Exists(path))
        {
            corpus = ReadFolder(path, readers);
        }
        else if (File.Exists(path))
        {
            corpus = new Corpus(ReadFile(path, readers), []);
        }
        else
        {
            throw new InputException($"{path}: input file or folder not found.");
        }

        if (corpus.Documents.Count == 0)
        {
            var skipped = corpus.Skipped.Count == 0 ? string.Empty : " Skipped: " + string.Join("; ", corpus.Skipped) + ".";
            throw new InputException($"{path}: the corpus is empty (no document to process).{skipped}");
        }

        return corpus;
    }

    private static IReadOnlyList<Document> ReadFile(string path, DocumentReaders readers)
    {
        var name = Path.GetFileName(path);
        if (IsJsonLines(path))
        {
            return ReadJsonLines(path, name, idPrefix: string.Empty, startIndex: 0);
        }

        var reader = readers.For(path);
        if (reader is null or PlainTextReader)
        {
            return ReadLines(path, name);
        }

        try
        {
            var text = reader.ReadText(path);
            return text.Length == 0 ? [] : [new Document(0, name, text) { Source = name }];
        }
        catch (UnreadableDocumentException e)
        {
            throw new InputException($"{path}: {e.Message}.");
        }
    }

    private static bool IsJsonLines(string path)
        => path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);

    private static IReadOnlyList<Document> ReadLines(string path, string source)
    {
        var text = StrictText.ReadFile(path);
        var lines = SplitLines(text);
        var documents = new List<Document>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            documents.Add(new Document(i, i.ToString(System.Globalization.CultureInfo.InvariantCulture), lines[i]) { Source = source });
        }

        return documents;
    }

    private static List<Document> ReadJsonLines(string path, string source, string idPrefix, int startIndex)
    {
        var lines = SplitLines(StrictText.ReadFile(path));
        var documents = new List<Document>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var lineNumber = i + 1;
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            string id;
            string documentText;
            try
            {
                using var json = JsonDocument.Parse(lines[i]);
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new InputException($"{path}:{lineNumber}: expected a JSON object {{\"id\": ..., \"text\": ...}}.");
                }

                if (!root.TryGetProperty("text", out var textElement) || textElement.ValueKind != JsonValueKind.String)
                {
                    throw new InputException($"{path}:{lineNumber}: missing string field \"text\".");
                }

                documentText = textElement.GetString()!;
                id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind is JsonValueKind.String or JsonValueKind.Number
                    ? idElement.ToString()
                    : throw new InputException($"{path}:{lineNumber}: missing field \"id\" (a string or a number).");
            }
            catch (JsonException e)
            {
                throw new InputException($"{path}:{lineNumber}: invalid JSON ({e.Message}).");
            }

            if (!ids.TryAdd(id, lineNumber))
            {
                throw new InputException($"{path}:{lineNumber}: duplicate document id '{id}' (first on line {ids[id]}).");
            }

            documents.Add(new Document(startIndex + documents.Count, idPrefix + id, documentText) { Source = source });
        }

        return documents;
    }

    private static Corpus ReadFolder(string folder, DocumentReaders readers)
    {
        var files = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None, IgnoreInaccessible = false })
            .Select(f => (Full: f, Relative: Path.GetRelativePath(folder, f).Replace('\\', '/')))
            // Hidden folders (.git, .cache) are tools' data, not the user's documents.
            .Where(f => !f.Relative.Split('/')[..^1].Any(d => d.StartsWith('.')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();
        var documents = new List<Document>(files.Count);
        var skipped = new List<SkippedInput>();
        foreach (var (full, relative) in files)
        {
            try
            {
                if (IsJsonLines(full))
                {
                    documents.AddRange(ReadJsonLines(full, relative, relative + "#", documents.Count));
                    continue;
                }

                var reader = readers.For(full);
                if (reader is null)
                {
                    var extension = Path.GetExtension(full);
                    skipped.Add(new SkippedInput(relative, $"unsupported format ({(extension.Length == 0 ? "no extension" : extension)}; read are {string.Join(", ", readers.Extensions.Append(".jsonl").Order(StringComparer.Ordinal))})"));
                    continue;
                }

                var text = reader.ReadText(full);
                if (text.Length == 0)
                {
                    skipped.Add(new SkippedInput(relative, "no text after extraction"));
                    continue;
                }

                documents.Add(new Document(documents.Count, relative, reader is PlainTextReader ? PlainText.Tidy(text) : text) { Source = relative });
            }
            catch (UnreadableDocumentException e)
            {
                skipped.Add(new SkippedInput(relative, e.Message));
            }
            catch (InputException e)
            {
                skipped.Add(new SkippedInput(relative, e.Message.StartsWith(full, StringComparison.Ordinal) ? e.Message[full.Length..].TrimStart(':', ' ').TrimEnd('.') : e.Message));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                skipped.Add(new SkippedInput(relative, "cannot be read (" + e.Message.TrimEnd('.') + ")"));
            }
        }

        return new Corpus(documents, skipped);
    }

    // Python's readlines(): a final newline does not start another line; "\r\n" ends a line like "\n".
    private static List<string> SplitLines(string text)
    {
        var lines = text.Split('\n').Select(l => l.EndsWith('\r') ? l[..^1] : l).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }
}
