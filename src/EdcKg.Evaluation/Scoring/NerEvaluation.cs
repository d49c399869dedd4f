using EdcKg.Evaluation.PythonCompat;

namespace EdcKg.Evaluation.Scoring;

/// <summary>
/// nervaluate 0.1.8's <c>compute_metrics</c> and precision/recall for one document of labelled spans, with the tags
/// SUB, PRED and OBJ. Spans are compared as values, duplicates count again, as in the original.
/// </summary>
internal static class NerEvaluation
{
    private const int Correct = 0;
    private const int Incorrect = 1;
    private const int PartialCount = 2;
    private const int Missed = 3;
    private const int Spurious = 4;

    /// <summary>The label nervaluate sees for each tag.</summary>
    public static string Label(TripleTag tag) => tag switch
    {
        TripleTag.Subject => "SUB",
        TripleTag.Predicate => "PRED",
        _ => "OBJ",
    };

    /// <summary>Scores the predicted spans against the true spans.</summary>
    public static PairScore Evaluate(IReadOnlyList<NerSpan> trueSpans, IReadOnlyList<NerSpan> predictedSpans)
    {
        var overall = new int[4, 5];
        var perTag = new int[3, 4, 5];
        var overlapped = new List<NerSpan>();

        foreach (var pred in predictedSpans)
        {
            if (Contains(trueSpans, pred))
            {
                overlapped.Add(pred);
                AddAll(overall, perTag, TagOf(pred.Label), Correct, Correct, Correct, Correct);
                continue;
            }

            var foundOverlap = false;
            foreach (var truth in trueSpans)
            {
                if (truth.Start == pred.Start && truth.End == pred.End && truth.Label != pred.Label)
                {
                    AddAll(overall, perTag, TagOf(truth.Label), Incorrect, Incorrect, Correct, Correct);
                    overlapped.Add(truth);
                    foundOverlap = true;
                    break;
                }

                if (Overlaps(truth, pred) && !Contains(overlapped, truth))
                {
                    overlapped.Add(truth);
                    var entType = pred.Label == truth.Label ? Correct : Incorrect;
                    AddAll(overall, perTag, TagOf(truth.Label), Incorrect, entType, PartialCount, Incorrect);
                    foundOverlap = true;
                    break;
                }
            }

            if (!foundOverlap)
            {
                AddAll(overall, perTag, TagOf(pred.Label), Spurious, Spurious, Spurious, Spurious);
            }
        }

        foreach (var truth in trueSpans)
        {
            if (!Contains(overlapped, truth))
            {
                AddAll(overall, perTag, TagOf(truth.Label), Missed, Missed, Missed, Missed);
            }
        }

        var overallScores = Enumerable.Range(0, 4).Select(s => Score(overall, s)).ToArray();
        var tagScores = Enumerable.Range(0, 3)
            .Select(t => (IReadOnlyList<SchemeScore>)Enumerable.Range(0, 4).Select(s => Score(perTag, t, s)).ToArray())
            .ToArray();
        return new PairScore(overallScores, tagScores);
    }

    private static int TagOf(string label) => label switch
    {
        "SUB" => 0,
        "PRED" => 1,
        "OBJ" => 2,
        _ => throw new InvalidOperationException($"unknown label {label}"),
    };

    private static bool Contains(IReadOnlyList<NerSpan> spans, NerSpan span)
    {
        for (var i = 0; i < spans.Count; i++)
        {
            if (spans[i] == span)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Overlaps(NerSpan a, NerSpan b) =>
        a.Start <= a.End && b.Start <= b.End && Math.Max(a.Start, b.Start) <= Math.Min(a.End, b.End);

    // Arguments are the count to raise for each scheme, in the order strict, ent_type, partial, exact.
    private static void AddAll(int[,] overall, int[,,] perTag, int tag, int strict, int entType, int partial, int exact)
    {
        Span<(int Scheme, int Count)> updates =
        [
            ((int)EvaluationScheme.Strict, strict),
            ((int)EvaluationScheme.EntType, entType),
            ((int)EvaluationScheme.Partial, partial),
            ((int)EvaluationScheme.Exact, exact),
        ];
        foreach (var (scheme, count) in updates)
        {
            overall[scheme, count]++;
            perTag[tag, scheme, count]++;
        }
    }

    private static SchemeScore Score(int[,] counts, int scheme) =>
        Score(scheme, counts[scheme, 0], counts[scheme, 1], counts[scheme, 2], counts[scheme, 3], counts[scheme, 4]);

    private static SchemeScore Score(int[,,] counts, int tag, int scheme) =>
        Score(scheme, counts[tag, scheme, 0], counts[tag, scheme, 1], counts[tag, scheme, 2], counts[tag, scheme, 3], counts[tag, scheme, 4]);

    private static SchemeScore Score(int scheme, int correct, int incorrect, int partial, int missed, int spurious)
    {
        var actual = correct + incorrect + partial + spurious;
        var possible = correct + incorrect + partial + missed;
        var halfPartial = scheme is (int)EvaluationScheme.EntType or (int)EvaluationScheme.Partial;
        PyNumber precision;
        PyNumber recall;
        if (halfPartial)
        {
            precision = actual > 0 ? PyNumber.Float((correct + (0.5 * partial)) / actual) : PyNumber.IntZero;
            recall = possible > 0 ? PyNumber.Float((correct + (0.5 * partial)) / possible) : PyNumber.IntZero;
        }
        else
        {
            precision = actual > 0 ? PyNumber.Float((double)correct / actual) : PyNumber.IntZero;
            recall = possible > 0 ? PyNumber.Float((double)correct / possible) : PyNumber.IntZero;
        }

        var sum = precision.Value + recall.Value;
        var f1 = sum > 0 ? PyNumber.Float(2 * (precision.Value * recall.Value) / sum) : PyNumber.IntZero;
        return new SchemeScore(correct, incorrect, partial, missed, spurious, precision, recall, f1);
    }
}
