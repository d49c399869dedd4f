using System.Text.Json;
using EdcKg.Core.Domain;

namespace EdcKg.Core.Inputs;

/// <summary>
/// Reads a corpus: an EDC dataset file (one document per line, id = line index from 0, so line i still pairs with
/// line i of a reference file), a JSONL file of <c>{"id", "text"}</c> objects, or a folder of <c>.txt</c>/<c>.md</c>
/// files (one document per file, id = relative path, ordinal path order).
/// </summary>
public static class CorpusReader
{
    /// <summary>Reads the corpus at <paramref name="path"/>; every problem names the file and line.</summary>
    public static IReadOnlyList<Document> Read(string path)
    {
        IReadOnlyList<Document> documents;
        if (Directory.Exists(path))
        {
            documents = ReadFolder(path);
        }
        else if (File.Exists(path))
        {
            documents = path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)
                ? ReadJsonLines(path)
                : ReadLines(path);
        }
        else
        {
            throw new InputException($"{path}: input file or folder not found.");
        }

        if (documents.Count == 0)
        {
            throw new InputException($"{path}: the corpus is empty (no document to process).");
        }

        return documents;
    }

    private static IReadOnlyList<Document> ReadLines(string path)
    {
        var text = StrictText.ReadFile(path);
        var lines = SplitLines(text);
        var documents = new List<Document>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            documents.Add(new Document(i, i.ToString(System.Globalization.CultureInfo.InvariantCulture), lines[i]));
        }

        return documents;
    }

    private static IReadOnlyList<Document> ReadJsonLines(string path)
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

            documents.Add(new Document(documents.Count, id, documentText));
        }

        return documents;
    }

    private static IReadOnlyList<Document> ReadFolder(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            .Select(f => (Full: f, Relative: Path.GetRelativePath(folder, f).Replace('\\', '/')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();
        var documents = new List<Document>(files.Count);
        foreach (var (full, relative) in files)
        {
            documents.Add(new Document(documents.Count, relative, StrictText.ReadFile(full).Trim()));
        }

        return documents;
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
