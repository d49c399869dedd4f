using System.Text;
using EdcKg.Core.Parsing;
using EdcKg.Evaluation.PythonCompat;

namespace EdcKg.Evaluation.Scoring;

/// <summary>
/// Reads an EDC prediction file (one Python list of triples per line, e.g. <c>canon_kg.txt</c>) and its reference
/// file, and pairs them as EDC's evaluation script does: line i with line i; a prediction line is accepted when it
/// is a Python literal whose every item has length 3 and holds only strings (a bare 3-character string is a triple
/// of its characters); other lines are skipped together with their reference line. Where the script itself would
/// fail, an <see cref="EvaluationInputException"/> names the file and line instead.
/// </summary>
public static class EdcOutputReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads and pairs the two files.</summary>
    /// <param name="predictionPath">The prediction file.</param>
    /// <param name="referencePath">The reference file.</param>
    /// <param name="maxLengthDifference">Leave out lines whose triple counts differ by more than this; null keeps all.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public static async Task<EvaluationInput> ReadAsync(string predictionPath, string referencePath, int? maxLengthDifference, CancellationToken cancellationToken)
    {
        var predictions = await ReadLinesAsync(predictionPath, cancellationToken).ConfigureAwait(false);
        var references = await ReadLinesAsync(referencePath, cancellationToken).ConfigureAwait(false);
        return Pair(predictions, references, maxLengthDifference, predictionPath, referencePath);
    }

    /// <summary>Pairs already-read lines; the paths are used in messages only.</summary>
    public static EvaluationInput Pair(IReadOnlyList<string> predictionLines, IReadOnlyList<string> referenceLines, int? maxLengthDifference, string predictionPath = "prediction", string referencePath = "reference")
    {
        var rejected = new List<RejectedLine>();
        var accepted = new List<(int Line, PyValue Prediction, PyValue Reference)>();
        for (var index = 0; index < predictionLines.Count; index++)
        {
            var lineNumber = index + 1;
            var text = PythonText.Strip(predictionLines[index]);
            if (!PythonLiteralParser.TryParse(text, out var prediction, out var error))
            {
                rejected.Add(new RejectedLine(lineNumber, $"not a Python literal: {error}"));
                continue;
            }

            var reason = RejectionReason(prediction!);
            if (reason is not null)
            {
                rejected.Add(new RejectedLine(lineNumber, reason));
                continue;
            }

            if (index >= referenceLines.Count)
            {
                throw new EvaluationInputException($"{predictionPath}:{lineNumber}: the prediction has more lines than the reference {referencePath} ({referenceLines.Count} lines); the files do not belong together");
            }

            var referenceText = PythonText.Strip(referenceLines[index]);
            if (!PythonLiteralParser.TryParse(referenceText, out var reference, out var referenceError))
            {
                throw new EvaluationInputException($"{referencePath}:{lineNumber}: the reference line is not a Python literal ({referenceError})");
            }

            accepted.Add((lineNumber, prediction!, reference!));
        }

        var entries = new List<EvaluationEntry>();
        var skipped = new List<int>();
        foreach (var (line, prediction, reference) in accepted)
        {
            var referenceTriples = ReferenceTriples(reference, referencePath, line);
            var predictedTriples = PredictedTriples(prediction, predictionPath, line);
            if (maxLengthDifference is { } limit && Math.Abs(referenceTriples.Count - predictedTriples.Count) > limit)
            {
                skipped.Add(line);
                continue;
            }

            entries.Add(new EvaluationEntry(line, referenceTriples, predictedTriples));
        }

        return new EvaluationInput(predictionLines.Count, referenceLines.Count, entries, rejected, skipped);
    }

    /// <summary>Reads the lines of a file the way Python's <c>readlines()</c> does in text mode (any newline style).</summary>
    public static async Task<List<string>> ReadLinesAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EvaluationInputException($"{path}: cannot be read ({ex.Message})", ex);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new EvaluationInputException($"{path}: is not valid UTF-8 ({ex.Message})", ex);
        }

        return SplitLines(text);
    }

    /// <summary>Splits on <c>\n</c>, <c>\r\n</c> and <c>\r</c>; a final line break does not start another line.</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                lines.Add(text[start..i]);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    private static string? RejectionReason(PyValue prediction)
    {
        IEnumerable<PyValue> triples;
        switch (prediction)
        {
            case PyValue.Str s:
                if (s.Value.Length == 0)
                {
                    return null;
                }

                return "a string, not a list of triples";
            case PyValue.Bytes b:
                return b.Value.Length == 0 ? null : "bytes, not a list of triples";
            case PyValue.Sequence seq:
                triples = seq.Items;
                break;
            case PyValue.Dict dict:
                triples = dict.Keys;
                break;
            default:
                return "not a list of triples";
        }

        foreach (var triple in triples)
        {
            var (length, elements) = triple switch
            {
                PyValue.Str s => (s.CodePoints, s.Value.EnumerateRunes().Select(r => (PyValue)new PyValue.Str(r.ToString())).ToList()),
                PyValue.Bytes b => (b.Value.Length, b.Value.Select(x => (PyValue)new PyValue.Int(x)).ToList()),
                PyValue.Sequence seq => (seq.Items.Count, seq.Items.ToList()),
                PyValue.Dict dict => (dict.Keys.Count, dict.Keys.ToList()),
                _ => (-1, []),
            };
            if (length != 3)
            {
                return length < 0 ? "an item is not a triple" : $"an item has {length} elements, not 3";
            }

            if (elements.Any(e => e is not PyValue.Str))
            {
                return "a triple holds something other than strings";
            }
        }

        return null;
    }

    private static List<string> PredictedTriples(PyValue prediction, string path, int line)
    {
        var result = new List<string>();
        foreach (var triple in TopLevelItems(prediction, path, line))
        {
            var parts = Subscript3(triple, path, line);
            result.Add(TripleNormalization.Join(parts[0], parts[1], parts[2]));
        }

        return result;
    }

    private static List<string> ReferenceTriples(PyValue reference, string path, int line)
    {
        var result = new List<string>();
        foreach (var triple in TopLevelItems(reference, path, line))
        {
            var parts = Subscript3(triple, path, line);
            result.Add(TripleNormalization.Join(parts[0], parts[1], parts[2]));
        }

        return result;
    }

    private static IEnumerable<PyValue> TopLevelItems(PyValue value, string path, int line) => value switch
    {
        PyValue.Sequence seq => seq.Items,
        PyValue.Dict dict => dict.Keys,
        PyValue.Str s => s.Value.EnumerateRunes().Select(r => (PyValue)new PyValue.Str(r.ToString())).ToList(),
        PyValue.Bytes b => b.Value.Select(x => (PyValue)new PyValue.Int(x)).ToList(),
        _ => throw new EvaluationInputException($"{path}:{line}: the line is not a list of triples, which the reference script cannot score"),
    };

    // triplet[0], triplet[1], triplet[2] formatted with str(), as the reference's f-string does.
    private static string[] Subscript3(PyValue triple, string path, int line)
    {
        var items = triple switch
        {
            PyValue.Sequence { Kind: not SequenceKind.Set } seq => seq.Items.ToList(),
            PyValue.Str s => s.Value.EnumerateRunes().Select(r => (PyValue)new PyValue.Str(r.ToString())).ToList(),
            _ => throw new EvaluationInputException($"{path}:{line}: a triple is not a list, tuple or string, which the reference script cannot index"),
        };
        if (items.Count < 3)
        {
            throw new EvaluationInputException($"{path}:{line}: a triple has {items.Count} elements; the reference script needs 3");
        }

        return [Format(items[0], path, line), Format(items[1], path, line), Format(items[2], path, line)];
    }

    private static string Format(PyValue value, string path, int line) => value switch
    {
        PyValue.Str s => s.Value,
        PyValue.Int i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        PyValue.Float f => PythonNumbers.FormatFloat(f.Value),
        PyValue.Bool b => b.Value ? "True" : "False",
        PyValue.Singleton s => s.Name,
        _ => throw new EvaluationInputException($"{path}:{line}: a triple element is a nested value; only strings, numbers, booleans and None are supported"),
    };
}
