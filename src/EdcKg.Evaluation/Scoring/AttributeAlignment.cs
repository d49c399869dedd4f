using System.Globalization;

namespace EdcKg.Evaluation.Scoring;

/// <summary>
/// The reference scorer's word-level matching of one attribute of a reference triple against one of a candidate
/// (its <c>nonrefwords</c> and <c>getrefdict</c>): the longest shared n-grams are marked, then both sides become
/// labelled spans on one shared axis for nervaluate. The quirks of the original (numbering reused across recursion
/// levels, a duplicated span for each unmatched reference word, the odd length of a side with no candidate words)
/// are kept on purpose, because they change the scores.
/// </summary>
internal static class AttributeAlignment
{
    private const string FoundRef = "FOUNDREF";
    private const string FoundCand = "FOUNDCAND";

    /// <summary>The outcome for one attribute pair.</summary>
    internal sealed record Result(bool CandidateFound, List<NerSpan> ReferenceSpans, List<NerSpan> CandidateSpans, int TotalLength);

    /// <summary>Marks shared n-grams in place, longest first (<c>nonrefwords</c>).</summary>
    public static void MarkSharedNgrams(List<string> reference, List<string> candidate, int foundNumber, int ngramLength)
    {
        while (ngramLength > 0)
        {
            var ngrams = new List<string[]>();
            for (var i = 0; i + ngramLength <= candidate.Count; i++)
            {
                ngrams.Add(candidate.GetRange(i, ngramLength).ToArray());
            }

            foreach (var ngram in ngrams)
            {
                var inReference = FindSubList(ngram, reference);
                if (inReference < 0)
                {
                    continue;
                }

                for (var k = 0; k < ngram.Length; k++)
                {
                    var idx = inReference + k;
                    reference[idx] = string.Create(CultureInfo.InvariantCulture, $"{FoundRef}-{foundNumber}-{idx}");
                }

                var inCandidate = FindSubList(ngram, candidate);
                if (inCandidate < 0)
                {
                    // The original indexes None here and stops with a TypeError.
                    throw new ReferenceScorerFailureException("the reference scorer fails while matching words of this triple pair (an n-gram found in the reference is no longer in the candidate)");
                }

                for (var k = 0; k < ngram.Length; k++)
                {
                    candidate[inCandidate + k] = string.Create(CultureInfo.InvariantCulture, $"{FoundCand}-{foundNumber}-{inReference + k}");
                }

                foundNumber++;
                MarkSharedNgrams(reference, candidate, foundNumber, ngramLength);
            }

            ngramLength--;
        }
    }

    private static int FindSubList(string[] sub, List<string> list)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] != sub[0])
            {
                continue;
            }

            if (i + sub.Length > list.Count)
            {
                continue;
            }

            var equal = true;
            for (var k = 1; k < sub.Length && equal; k++)
            {
                equal = list[i + k] == sub[k];
            }

            if (equal)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Builds the labelled spans from the marked word lists (<c>getrefdict</c>); mutates the candidate list like the original.</summary>
    public static Result BuildSpans(List<string> reference, List<string> candidate, string referenceLabel, string candidateLabel, int baseIndex)
    {
        var firstFound = candidate.FindIndex(IsFoundCandidate);
        if (firstFound < 0)
        {
            return BuildWithoutMatch(reference, candidate, referenceLabel, candidateLabel, baseIndex);
        }

        var unlinked = new List<string>();
        var before = new List<string>();
        var after = new List<string>();

        var beforeLinked = candidate[firstFound].EndsWith("-0", StringComparison.Ordinal);
        var firstCandidate = beforeLinked ? FoundPrefix(candidate[firstFound]) : null;

        int? lastFoundIndex = null;
        string? lastCandidate = null;
        if (reference[^1].StartsWith(FoundRef, StringComparison.Ordinal) && !candidate[^1].StartsWith(FoundCand, StringComparison.Ordinal))
        {
            var lastFound = candidate.FindLast(IsFoundCandidate)!;
            var candidateVersion = reference[^1].Replace(FoundRef, FoundCand, StringComparison.Ordinal);
            if (lastFound == candidateVersion)
            {
                lastFoundIndex = candidate.IndexOf(lastFound);
                lastCandidate = FoundPrefix(lastFound);
            }
        }

        var unlinkNumber = 1;
        for (var idx = 0; idx < candidate.Count; idx++)
        {
            if (!candidate[idx].StartsWith(FoundCand, StringComparison.Ordinal))
            {
                if (idx < firstFound && beforeLinked)
                {
                    candidate[idx] = firstCandidate + "-LINKED";
                    before.Add(firstCandidate + "-LINKED");
                }
                else if (lastFoundIndex is { } last && idx > last)
                {
                    candidate[idx] = lastCandidate + "-LINKED";
                    after.Add(lastCandidate + "-LINKED");
                }
                else
                {
                    unlinked.Add(string.Create(CultureInfo.InvariantCulture, $"NOTFOUND-{unlinkNumber}"));
                }
            }
            else
            {
                unlinkNumber++;
            }
        }

        var total = new List<string>(before.Count + reference.Count + after.Count + unlinked.Count);
        total.AddRange(before);
        total.AddRange(reference);
        total.AddRange(after);
        total.AddRange(unlinked);

        var referenceStart = before.Count;
        var referenceEnd = before.Count + reference.Count - 1;
        var referenceSpans = new List<NerSpan> { new(referenceLabel, baseIndex + referenceStart, baseIndex + referenceEnd) };

        var candidateSpans = new List<NerSpan>();
        var current = string.Empty;
        var beginIndex = 0;
        var collecting = false;
        for (var idx = 0; idx < total.Count; idx++)
        {
            var item = total[idx].Replace(FoundRef, FoundCand, StringComparison.Ordinal);
            if (item.StartsWith(FoundCand, StringComparison.Ordinal) || item.StartsWith("NOTFOUND", StringComparison.Ordinal))
            {
                collecting = true;
                var group = GroupKey(item);
                if (group != current)
                {
                    if (current.Length != 0)
                    {
                        candidateSpans.Add(new NerSpan(candidateLabel, baseIndex + beginIndex, baseIndex + idx - 1));
                    }

                    current = group;
                    beginIndex = idx;
                }

                if (idx == total.Count - 1)
                {
                    candidateSpans.Add(new NerSpan(candidateLabel, baseIndex + beginIndex, baseIndex + idx));
                }
            }
            else if (collecting)
            {
                candidateSpans.Add(new NerSpan(candidateLabel, baseIndex + beginIndex, baseIndex + idx - 1));
            }
        }

        return new Result(true, referenceSpans, candidateSpans, total.Count);
    }

    private static Result BuildWithoutMatch(List<string> reference, List<string> candidate, string referenceLabel, string candidateLabel, int baseIndex)
    {
        if (reference.Count == 0)
        {
            return new Result(false, [], [new NerSpan(candidateLabel, baseIndex, baseIndex + candidate.Count - 1)], candidate.Count);
        }

        if (candidate.Count == 0)
        {
            // The original returns its one-element span list as the "total list", so this side is one position long.
            return new Result(false, [new NerSpan(referenceLabel, baseIndex, baseIndex + reference.Count - 1)], [], 1);
        }

        var totalLength = reference.Count + candidate.Count;
        return new Result(
            false,
            [new NerSpan(referenceLabel, baseIndex, baseIndex + reference.Count - 1)],
            [new NerSpan(candidateLabel, baseIndex + reference.Count, baseIndex + totalLength - 1)],
            totalLength);
    }

    private static bool IsFoundCandidate(string token) => token.StartsWith(FoundCand, StringComparison.Ordinal);

    // `^(FOUNDCAND-\d+)-`: the marker without its reference position.
    private static string FoundPrefix(string token)
    {
        var secondDash = token.IndexOf('-', FoundCand.Length + 1);
        return token[..secondDash];
    }

    // `^((.*?)-\d+)`: the shortest prefix that ends in "-digits".
    private static string GroupKey(string token)
    {
        for (var dash = token.IndexOf('-'); dash >= 0; dash = token.IndexOf('-', dash + 1))
        {
            var end = dash + 1;
            while (end < token.Length && char.IsAsciiDigit(token[end]))
            {
                end++;
            }

            if (end > dash + 1)
            {
                return token[..end];
            }
        }

        throw new InvalidOperationException($"unexpected marker '{token}'");
    }
}
