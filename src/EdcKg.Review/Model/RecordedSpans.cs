using System.Globalization;
using System.Text.Json;

namespace EdcKg.Review.Model;

/// <summary>
/// The subject and object spans a run recorded in <c>iter{k}/triples.jsonl</c> (<c>subjectSpan</c>, <c>objectSpan</c>:
/// code points of the document's text in <c>documents.jsonl</c>, inside the record's <c>chunk</c>). Read from the
/// fixed file names of the run folder only; a run without spans yields none.
/// </summary>
internal sealed class RecordedSpans
{
    private readonly Dictionary<(int Document, int Iteration, string Subject, string Relation, string Object), ((int, int)? Subject, (int, int)? Object)> spans = [];

    public static RecordedSpans Read(string runDirectory, IEnumerable<int> iterations)
    {
        var recorded = new RecordedSpans();
        foreach (var iteration in iterations)
        {
            var path = Path.Combine(runDirectory, "iter" + iteration.ToString(CultureInfo.InvariantCulture), "triples.jsonl");
            // A run that records no spans says so on its first line; its file is not parsed at all.
            if (!File.Exists(path) || File.ReadLines(path).FirstOrDefault(l => l.Length > 0) is not { } first || !first.Contains("Span\"", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var line in File.ReadLines(path))
            {
                if (line.Length == 0)
                {
                    continue;
                }

                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                if (!root.TryGetProperty("subjectSpan", out var subjectSpan) && !root.TryGetProperty("objectSpan", out _))
                {
                    continue;
                }

                var key = (root.GetProperty("documentIndex").GetInt32(), iteration, root.GetProperty("subject").GetString() ?? "", root.GetProperty("relation").GetString() ?? "", root.GetProperty("object").GetString() ?? "");
                recorded.spans.TryAdd(key, (Span(subjectSpan), root.TryGetProperty("objectSpan", out var objectSpan) ? Span(objectSpan) : null));
            }
        }

        return recorded;
    }

    /// <summary>The recorded spans (code points in the document) of one triple, when the run recorded any.</summary>
    public ((int Start, int End)? Subject, (int Start, int End)? Object)? Of(int documentIndex, int iteration, string subject, string relation, string @object)
        => spans.TryGetValue((documentIndex, iteration, subject, relation, @object), out var found) ? found : null;

    private static (int, int)? Span(JsonElement element)
        => element.ValueKind == JsonValueKind.Array && element.GetArrayLength() == 2 ? (element[0].GetInt32(), element[1].GetInt32()) : null;
}
