using System.Globalization;
using System.Text;
using System.Text.Json;
using EdcKg.Core.Corrections;
using EdcKg.Core.Chunking;
using EdcKg.Core.Parsing;
using EdcKg.Core.Pipeline;

namespace EdcKg.Core.Outputs;

/// <summary>
/// Writes an iteration's results in EDC's formats, in corpus order: <c>canon_kg.txt</c> (one Python list of triples
/// per document, read by EDC's evaluation script), <c>result_at_each_stage.json</c> (EDC's keys, its spelling
/// included), and <c>triples.jsonl</c> with provenance. Every file is written atomically.
/// </summary>
public static class EdcOutputWriter
{
    private static readonly JsonSerializerOptions JsonLines = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Writes the three files of <paramref name="iteration"/> under <c>iter{iteration}</c> in <paramref name="outputDirectory"/>.</summary>
    public static async Task WriteIterationAsync(string outputDirectory, int iteration, IReadOnlyList<DocumentResult> results, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(outputDirectory, "iter" + iteration.ToString(CultureInfo.InvariantCulture));
        await AtomicFile.WriteAllTextAsync(Path.Combine(folder, "canon_kg.txt"), CanonKg(results), cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllTextAsync(Path.Combine(folder, "result_at_each_stage.json"), ResultAtEachStage(results), cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllTextAsync(Path.Combine(folder, "triples.jsonl"), TriplesJsonLines(results), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>EDC's <c>canon_kg.txt</c>: <c>str(triples)</c> per document, lines joined by newlines, no final newline.</summary>
    public static string CanonKg(IReadOnlyList<DocumentResult> results)
        => string.Join('\n', results.Select(r => PythonRepr.OfNestedList(r.CanonicalTriples().Select(t => t.Triple.ToList()))));

    /// <summary>EDC's <c>result_at_each_stage.json</c>.</summary>
    public static string ResultAtEachStage(IReadOnlyList<DocumentResult> results)
    {
        var entries = results.Select(r =>
        {
            var definitions = new PythonJsonWriter.JsonObject();
            foreach (var definition in r.SchemaDefinition.Definitions)
            {
                definitions.Add(definition.Relation, definition.Definition);
            }

            return new PythonJsonWriter.JsonObject
            {
                { "index", r.Document.Index },
                { "input_text", r.Document.Text },
                { "entity_hint", r.Hint?.Entities ?? string.Empty },
                { "relation_hint", r.Hint?.Relations ?? string.Empty },
                { "oie", r.OpenExtraction.Triples.Select(t => t.ToList()).ToList() },
                { "schema_definition", definitions },
                { "canonicalization_candidates", CandidatesRepr(r) },
                { "schema_canonicalizaiton", r.SchemaCanonicalization.Decisions.Select(d => d.Result?.ToList()).ToList() },
            };
        }).ToList();
        return PythonJsonWriter.Serialize(entries);
    }

    /// <summary>
    /// One JSON object per canonical triple with its provenance: document, iteration, open relation, decision and
    /// score, then where it was read: <c>chunk</c> (<c>{index, start, end}</c>, code points of the document's text in
    /// <c>documents.jsonl</c>), <c>subjectSpan</c> and <c>objectSpan</c> (<c>[start, end]</c> in the same text, or null
    /// when the chunk holds no such mention), <c>truncated</c> (read from an answer cut off at the token limit), and
    /// <c>occurrences</c>, every chunk it was read in with its spans there.
    /// </summary>
    public static string TriplesJsonLines(IReadOnlyList<DocumentResult> results)
    {
        var builder = new StringBuilder();
        foreach (var triple in results.SelectMany(r => r.CanonicalTriples()))
        {
            var first = triple.Occurrences.Count > 0 ? triple.Occurrences[0] : null;
            var record = new
            {
                triple.DocumentId,
                triple.DocumentIndex,
                triple.Iteration,
                triple.Triple.Subject,
                triple.Triple.Relation,
                triple.Triple.Object,
                triple.OpenRelation,
                Decision = triple.Decision.ToString(),
                triple.Score,
                Chunk = first is null ? null : new { Index = first.ChunkIndex, Start = first.ChunkStart, End = first.ChunkEnd },
                SubjectSpan = Span(first?.SubjectSpan),
                ObjectSpan = Span(first?.ObjectSpan),
                triple.Truncated,
                Occurrences = triple.Occurrences.Select(o => new
                {
                    Chunk = new { Index = o.ChunkIndex, Start = o.ChunkStart, End = o.ChunkEnd },
                    SubjectSpan = Span(o.SubjectSpan),
                    ObjectSpan = Span(o.ObjectSpan),
                }),
            };
            builder.Append(triple.Correction is null ? JsonSerializer.Serialize(record, JsonLines) : Corrected(record, triple.Correction)).Append('\n');
        }

        return builder.ToString();
    }

    // A corrected triple says so (and by which correction); an uncorrected run's lines stay exactly as they were.
    private static string Corrected<T>(T record, AppliedCorrection correction)
    {
        var node = JsonSerializer.SerializeToNode(record, JsonLines)!.AsObject();
        node["corrected"] = true;
        node["correction"] = correction.Id;
        return node.ToJsonString(JsonLines);
    }

    private static int[]? Span(SourceSpan? span) => span is { } s ? [s.Start, s.End] : null;

    // EDC writes str() of a list with one dict {relation: score} per open triple.
    private static string CandidatesRepr(DocumentResult result)
    {
        var builder = new StringBuilder("[");
        var first = true;
        foreach (var decision in result.SchemaCanonicalization.Decisions)
        {
            builder.Append(first ? "{" : ", {");
            first = false;
            var firstCandidate = true;
            foreach (var candidate in decision.Candidates)
            {
                if (!firstCandidate)
                {
                    builder.Append(", ");
                }

                firstCandidate = false;
                PythonRepr.Append(builder, candidate.Name);
                builder.Append(": ").Append(candidate.Score.ToString("R", CultureInfo.InvariantCulture));
            }

            builder.Append('}');
        }

        return builder.Append(']').ToString();
    }
}
