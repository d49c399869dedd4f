using System.Globalization;
using EdcKg.Core.Domain;
using EdcKg.Core.Inputs;
using EdcKg.Evaluation.Scoring;

namespace EdcKg.Evaluation.Benchmarks;

/// <summary>
/// Reads a benchmark in the layout of EDC's repository under a data directory:
/// <c>datasets/{name}.txt</c>, <c>evaluate/references/{name}.txt</c>, <c>schemas/{name}_schema.csv</c> and
/// <c>few_shot_examples/{name}/*.txt</c>. Every problem is reported with the file (and line) it is in.
/// </summary>
public static class EdcBenchmarkLoader
{
    /// <summary>The benchmarks of the EDC paper.</summary>
    public static IReadOnlyList<string> KnownBenchmarks { get; } = ["webnlg", "rebel", "wiki-nre"];

    /// <summary>Loads a benchmark, or only its first <paramref name="limit"/> documents.</summary>
    /// <exception cref="EvaluationInputException">A file is missing or malformed; the message names it.</exception>
    public static async Task<EdcBenchmark> LoadAsync(string dataDirectory, string name, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "the document limit must be at least 1");
        }

        var datasetPath = Path.Combine(dataDirectory, "datasets", name + ".txt");
        var referencePath = Path.Combine(dataDirectory, "evaluate", "references", name + ".txt");
        var schemaPath = Path.Combine(dataDirectory, "schemas", name + "_schema.csv");
        var examplesDirectory = Path.Combine(dataDirectory, "few_shot_examples", name);

        var texts = await EdcOutputReader.ReadLinesAsync(Required(datasetPath), cancellationToken).ConfigureAwait(false);
        var referenceLines = await EdcOutputReader.ReadLinesAsync(Required(referencePath), cancellationToken).ConfigureAwait(false);
        if (texts.Count != referenceLines.Count)
        {
            throw new EvaluationInputException($"{referencePath}: {referenceLines.Count} reference lines for {texts.Count} documents in {datasetPath}");
        }

        var count = Math.Min(texts.Count, limit ?? int.MaxValue);
        var documents = new List<Document>(count);
        var references = new List<IReadOnlyList<Triple>>(count);
        for (var i = 0; i < count; i++)
        {
            documents.Add(new Document(i, (i + 1).ToString(CultureInfo.InvariantCulture), texts[i]));
            references.Add(ParseReference(referenceLines[i], referencePath, i + 1));
        }

        var schema = await ReadSchemaAsync(Required(schemaPath), cancellationToken).ConfigureAwait(false);
        var examples = new EdcBenchmarkFewShotExamples(
            await ReadTextAsync(Path.Combine(examplesDirectory, "oie_few_shot_examples.txt"), cancellationToken).ConfigureAwait(false),
            await ReadTextAsync(Path.Combine(examplesDirectory, "oie_few_shot_refine_examples.txt"), cancellationToken).ConfigureAwait(false),
            await ReadTextAsync(Path.Combine(examplesDirectory, "sd_few_shot_examples.txt"), cancellationToken).ConfigureAwait(false),
            await ReadTextAsync(Path.Combine(examplesDirectory, "ee_few_shot_examples.txt"), cancellationToken).ConfigureAwait(false));
        return new EdcBenchmark(name, documents, references, referencePath, referenceLines.Take(count).ToList(), schema, examples);
    }

    /// <summary>
    /// Reads a schema CSV of <c>relation,definition</c> rows without header with the same reader as
    /// <c>edckg run --target-schema-path</c>: a relation defined twice is an error naming both lines (EDC's script
    /// would keep the last definition silently; none of its schemas repeats a relation).
    /// </summary>
    /// <exception cref="EvaluationInputException">The file is missing or malformed; the message names the line.</exception>
    public static Task<IReadOnlyList<SchemaRelation>> ReadSchemaAsync(string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return Task.FromResult(SchemaCsvReader.Read(Required(path)));
        }
        catch (InputException e)
        {
            throw new EvaluationInputException(e.Message, e);
        }
    }

    private static IReadOnlyList<Triple> ParseReference(string line, string path, int lineNumber)
    {
        var entry = EdcOutputReader.Pair([line], [line], null, path, path);
        if (entry.Entries.Count == 0)
        {
            throw new EvaluationInputException($"{path}:{lineNumber}: not a list of [subject, relation, object] string triples ({entry.Rejected[0].Reason})");
        }

        return entry.Entries[0].ReferenceTriples
            .Select(text => text.Split(" | "))
            .Select(parts => parts.Length == 3
                ? new Triple(parts[0], parts[1], parts[2])
                : throw new EvaluationInputException($"{path}:{lineNumber}: a triple element contains ' | '"))
            .ToList();
    }

    private static async Task<string> ReadTextAsync(string path, CancellationToken cancellationToken) =>
        await File.ReadAllTextAsync(Required(path), cancellationToken).ConfigureAwait(false);

    private static string Required(string path) =>
        File.Exists(path) ? path : throw new EvaluationInputException($"{path}: not found (is the data directory EDC's layout? datasets/, evaluate/references/, schemas/, few_shot_examples/)");
}
