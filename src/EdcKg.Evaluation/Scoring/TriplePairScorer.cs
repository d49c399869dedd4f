using System.Collections.Concurrent;
using EdcKg.Evaluation.PythonCompat;

namespace EdcKg.Evaluation.Scoring;

/// <summary>
/// Scores one normalised reference triple against one normalised candidate triple (the reference script's
/// <c>evaluaterefcand</c>): attribute by attribute word matching, the subject/object, subject/predicate and
/// predicate/object swaps when two attributes found nothing, then nervaluate on the resulting spans.
/// Tokenisations are cached per instance, so one instance should score one run.
/// </summary>
internal sealed class TriplePairScorer
{
    private const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private readonly ConcurrentDictionary<string, string[]> _tokens = new(StringComparer.Ordinal);

    /// <summary>Scores <paramref name="candidate"/> against <paramref name="reference"/>; an empty string is a padding triple.</summary>
    public PairScore Score(string reference, string candidate)
    {
        var referenceParts = reference.Split(" | ");
        var candidateParts = candidate.Split(" | ");
        string[] indexParts;
        if (referenceParts.Length > 1 && candidateParts.Length > 1)
        {
            indexParts = referenceParts;
        }
        else if (referenceParts.Length == 1)
        {
            indexParts = candidateParts;
            referenceParts = ["", "", ""];
        }
        else
        {
            indexParts = referenceParts;
            candidateParts = ["", "", ""];
        }

        AttributeAlignment.Result? subject = null;
        AttributeAlignment.Result? predicate = null;
        AttributeAlignment.Result? obj = null;
        for (var idx = 0; idx < indexParts.Length; idx++)
        {
            if (idx >= referenceParts.Length || idx >= candidateParts.Length)
            {
                throw new ReferenceScorerFailureException("the reference scorer fails on a triple pair whose parts do not line up (an element is empty or contains ' | ')");
            }

            var (refWords, candWords) = Match(referenceParts[idx], candidateParts[idx], attributeFilters: true);
            if (idx == 0)
            {
                subject = AttributeAlignment.BuildSpans(refWords, candWords, "SUB", "SUB", 0);
            }
            else if (idx == 1)
            {
                predicate = AttributeAlignment.BuildSpans(refWords, candWords, "PRED", "PRED", subject!.TotalLength);
            }
            else
            {
                obj = AttributeAlignment.BuildSpans(refWords, candWords, "OBJ", "OBJ", subject!.TotalLength + predicate!.TotalLength);
            }
        }

        if (subject is null || predicate is null || obj is null)
        {
            throw new ReferenceScorerFailureException("the reference scorer fails on a triple with fewer than three parts (an element is empty)");
        }

        var switched = false;
        if (!subject.CandidateFound && !obj.CandidateFound)
        {
            var (r1, c1) = Match(referenceParts[0], candidateParts[2], attributeFilters: false);
            var first = AttributeAlignment.BuildSpans(r1, c1, "SUB", "OBJ", 0);
            var (r2, c2) = Match(referenceParts[2], candidateParts[0], attributeFilters: false);
            var second = AttributeAlignment.BuildSpans(r2, c2, "OBJ", "SUB", first.TotalLength + predicate.TotalLength);
            if (first.CandidateFound || second.CandidateFound)
            {
                subject = first;
                obj = second;

                // The original re-labels the predicate from the word lists of this last comparison.
                predicate = AttributeAlignment.BuildSpans(r2, c2, "PRED", "PRED", subject.TotalLength);
                switched = true;
            }
        }

        if (!subject.CandidateFound && !predicate.CandidateFound && !switched)
        {
            var (r1, c1) = Match(referenceParts[0], candidateParts[1], attributeFilters: false);
            var first = AttributeAlignment.BuildSpans(r1, c1, "SUB", "PRED", 0);
            var (r2, c2) = Match(referenceParts[1], candidateParts[0], attributeFilters: false);
            var second = AttributeAlignment.BuildSpans(r2, c2, "PRED", "SUB", first.TotalLength);
            if (first.CandidateFound || second.CandidateFound)
            {
                subject = first;
                predicate = second;
                switched = true;
            }
        }

        if (!predicate.CandidateFound && !obj.CandidateFound && !switched)
        {
            var (r1, c1) = Match(referenceParts[1], candidateParts[2], attributeFilters: false);
            var first = AttributeAlignment.BuildSpans(r1, c1, "PRED", "OBJ", subject.TotalLength);
            var (r2, c2) = Match(referenceParts[2], candidateParts[1], attributeFilters: false);
            var second = AttributeAlignment.BuildSpans(r2, c2, "OBJ", "PRED", subject.TotalLength + first.TotalLength);
            if (first.CandidateFound || second.CandidateFound)
            {
                predicate = first;
                obj = second;
            }
        }

        var trueSpans = new List<NerSpan>();
        trueSpans.AddRange(subject.ReferenceSpans);
        trueSpans.AddRange(predicate.ReferenceSpans);
        trueSpans.AddRange(obj.ReferenceSpans);
        var predictedSpans = new List<NerSpan>();
        predictedSpans.AddRange(subject.CandidateSpans);
        predictedSpans.AddRange(predicate.CandidateSpans);
        predictedSpans.AddRange(obj.CandidateSpans);
        return NerEvaluation.Evaluate(trueSpans, predictedSpans);
    }

    private (List<string> Reference, List<string> Candidate) Match(string referenceText, string candidateText, bool attributeFilters)
    {
        var reference = new List<string>();
        foreach (var token in Tokens(referenceText))
        {
            var drop = attributeFilters ? token.All(Punctuation.Contains) : token.Any(Punctuation.Contains);
            if (!drop)
            {
                reference.Add(token.ToLowerInvariant());
            }
        }

        var candidate = new List<string>();
        foreach (var token in Tokens(candidateText))
        {
            var drop = attributeFilters ? token.Length == 1 && Punctuation.Contains(token[0]) : token.Any(Punctuation.Contains);
            if (!drop)
            {
                candidate.Add(token.ToLowerInvariant());
            }
        }

        AttributeAlignment.MarkSharedNgrams(reference, candidate, 1, candidate.Count);
        return (reference, candidate);
    }

    private string[] Tokens(string text) => _tokens.GetOrAdd(text, static t => [.. WordTokenization.Tokenize(t)]);
}
