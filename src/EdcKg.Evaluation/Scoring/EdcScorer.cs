using EdcKg.Evaluation.PythonCompat;

namespace EdcKg.Evaluation.Scoring;

/// <summary>
/// EDC's evaluation (the WebNLG Text-to-triples scorer with nervaluate 0.1.8) ported to C#: normalisation, word
/// matching, nervaluate counts, the best alignment of candidate to reference triples per line, and the mean-of-pairs
/// totals. The alignment is found without enumerating permutations, so long lines cost polynomial time.
/// </summary>
public sealed class EdcScorer
{
    private const int SmallestSearchedSize = 7;

    private readonly bool _enumeratePermutations;

    /// <summary>Creates a scorer.</summary>
    /// <param name="enumeratePermutations">Use the reference's n! search instead of the polynomial one (for checks and benchmarks).</param>
    public EdcScorer(bool enumeratePermutations = false) => _enumeratePermutations = enumeratePermutations;

    /// <summary>Scores the entries; with no entry the report is all zero.</summary>
    /// <exception cref="ReferenceScorerFailureException">An entry is one on which the reference script fails; the message names its line.</exception>
    public EvaluationReport Score(IReadOnlyList<EvaluationEntry> entries, CancellationToken cancellationToken = default)
    {
        // The reference reads its triples back from XML files it has just written; that round trip changes some characters.
        entries = entries.Select(e => e with
        {
            ReferenceTriples = e.ReferenceTriples.Select(TripleNormalization.AfterXmlRoundTrip).ToList(),
            CandidateTriples = e.CandidateTriples.Select(TripleNormalization.AfterXmlRoundTrip).ToList(),
        }).ToList();
        var pairScorer = new TriplePairScorer();
        var selected = new PairScore[entries.Count][];
        var alignments = new int[entries.Count][];
        var failures = new System.Collections.Concurrent.ConcurrentBag<(int Line, ReferenceScorerFailureException Error)>();
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, entries.Count, options, index =>
        {
            var entry = entries[index];
            try
            {
                (selected[index], alignments[index]) = ScoreEntry(pairScorer, entry);
            }
            catch (ReferenceScorerFailureException ex)
            {
                failures.Add((entry.Line, ex));
            }
        });

        if (!failures.IsEmpty)
        {
            // Report the first failing line in file order, whichever thread met it first.
            var (line, error) = failures.MinBy(f => f.Line);
            throw new ReferenceScorerFailureException($"line {line}: {error.Message}", error);
        }

        var pairs = selected.SelectMany(p => p).ToList();
        var totals = Enum.GetValues<EvaluationScheme>()
            .Select(scheme => SchemeTotals.Of(pairs.Select(p => p[scheme]).ToList()))
            .ToArray();
        var perTag = Enum.GetValues<TripleTag>()
            .Select(tag => (IReadOnlyList<SchemeTotals>)Enum.GetValues<EvaluationScheme>()
                .Select(scheme => SchemeTotals.Of(pairs.Select(p => p.For(tag, scheme)).ToList()))
                .ToArray())
            .ToArray();
        return new EvaluationReport(entries.Count, totals, perTag, FullTripleScore.Of(entries), alignments);
    }

    private (PairScore[] Selected, int[] Alignment) ScoreEntry(TriplePairScorer pairScorer, EvaluationEntry entry)
    {
        var references = entry.ReferenceTriples.Select(Normalized).ToList();
        var candidates = entry.CandidateTriples.Select(Normalized).ToList();
        var n = Math.Max(references.Count, candidates.Count);
        if (n == 0)
        {
            throw new ReferenceScorerFailureException("the reference and the prediction are both empty, which the reference script cannot score");
        }

        // The shorter side is padded with empty triples, as in the original.
        while (references.Count < n)
        {
            references.Add(string.Empty);
        }

        while (candidates.Count < n)
        {
            candidates.Add(string.Empty);
        }

        var scores = new PairScore[n, n];
        var values = new double[n, n];
        for (var c = 0; c < n; c++)
        {
            for (var r = 0; r < n; r++)
            {
                var score = pairScorer.Score(references[r], candidates[c]);
                scores[c, r] = score;
                values[c, r] = PythonNumbers.Mean(
                [
                    score[EvaluationScheme.EntType].F1,
                    score[EvaluationScheme.Partial].F1,
                    score[EvaluationScheme.Strict].F1,
                    score[EvaluationScheme.Exact].F1,
                ]).Value;
            }
        }

        // Up to 6! = 720 permutations plain enumeration is cheaper than the bounded search, with the same result.
        var alignment = _enumeratePermutations || n <= SmallestSearchedSize - 1 ? TripleAlignment.BestByEnumeration(values) : TripleAlignment.Best(values);
        var selected = new PairScore[n];
        for (var c = 0; c < n; c++)
        {
            selected[c] = scores[c, alignment[c]];
        }

        return (selected, alignment);
    }

    private static string Normalized(string tripleText) => TripleNormalization.Normalize(tripleText);
}
