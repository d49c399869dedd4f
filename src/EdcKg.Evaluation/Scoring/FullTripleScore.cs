using EdcKg.Evaluation.PythonCompat;

namespace EdcKg.Evaluation.Scoring;

/// <summary>
/// The reference's "Full triple scores": every distinct lower-cased triple text is a class, each line a sample, and
/// precision, recall and F1 are macro-averaged over the classes (scikit-learn's <c>average="macro"</c>, a class
/// without predictions or without references scoring 0).
/// </summary>
public sealed record FullTripleScore(double Precision, double Recall, double F1)
{
    /// <summary>Computes the scores from the raw triple texts of the scored lines.</summary>
    public static FullTripleScore Of(IReadOnlyList<EvaluationEntry> entries)
    {
        var truePositives = new Dictionary<string, int>(StringComparer.Ordinal);
        var falsePositives = new Dictionary<string, int>(StringComparer.Ordinal);
        var falseNegatives = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var gold = entry.ReferenceTriples.Select(TripleNormalization.PythonLower).ToHashSet(StringComparer.Ordinal);
            var predicted = entry.CandidateTriples.Select(TripleNormalization.PythonLower).ToHashSet(StringComparer.Ordinal);
            foreach (var label in gold.Union(predicted))
            {
                truePositives.TryAdd(label, 0);
                falsePositives.TryAdd(label, 0);
                falseNegatives.TryAdd(label, 0);
                var inGold = gold.Contains(label);
                var inPredicted = predicted.Contains(label);
                if (inGold && inPredicted)
                {
                    truePositives[label]++;
                }
                else if (inPredicted)
                {
                    falsePositives[label]++;
                }
                else
                {
                    falseNegatives[label]++;
                }
            }
        }

        if (truePositives.Count == 0)
        {
            return new FullTripleScore(0, 0, 0);
        }

        var precision = new List<PyNumber>();
        var recall = new List<PyNumber>();
        var f1 = new List<PyNumber>();
        foreach (var (label, tp) in truePositives)
        {
            var fp = falsePositives[label];
            var fn = falseNegatives[label];
            precision.Add(PyNumber.Float(tp + fp > 0 ? (double)tp / (tp + fp) : 0));
            recall.Add(PyNumber.Float(tp + fn > 0 ? (double)tp / (tp + fn) : 0));
            f1.Add(PyNumber.Float((2 * tp) + fp + fn > 0 ? 2.0 * tp / ((2 * tp) + fp + fn) : 0));
        }

        return new FullTripleScore(PythonNumbers.Mean(precision).Value, PythonNumbers.Mean(recall).Value, PythonNumbers.Mean(f1).Value);
    }
}
