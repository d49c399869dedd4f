using EdcKg.Evaluation.Scoring;

namespace EdcKg.Evaluation.Tests.Scoring;

public sealed class TripleAlignmentTests
{
    [Fact]
    public void Ties_go_to_the_first_permutation_in_enumeration_order()
    {
        var scores = new double[,] { { 1, 1 }, { 1, 1 } };

        Assert.Equal([0, 1], TripleAlignment.Best(scores));
    }

    [Fact]
    public void Best_permutation_is_found_when_it_is_not_the_greedy_choice()
    {
        // Greedy would give candidate 0 reference 0 (0.9) and leave 0.1; the optimum crosses over for 0.8 + 0.8.
        var scores = new double[,] { { 0.9, 0.8 }, { 0.8, 0.1 } };

        Assert.Equal([1, 0], TripleAlignment.Best(scores));
    }

    [Fact]
    public void A_later_permutation_wins_when_its_floating_point_sum_is_higher_by_one_ulp()
    {
        // The line-30 case of the real run: sums 0.7083333333333333 (first) and 0.7083333333333334 (later).
        var scores = new double[,]
        {
            { 0.4583333333333333, 0.375, 0.025, 0, 0 },
            { 0, 0, 0.125, 0, 0 },
            { 0, 0, 0.125, 0, 0 },
            { 0.09375, 0.03125, 0.03125, 0.08333333333333333, 0 },
            { 0.125, 0.041666666666666664, 0.041666666666666664, 0.08333333333333333, 0 },
        };

        Assert.Equal([1, 2, 4, 3, 0], TripleAlignment.BestByEnumeration(scores));
        Assert.Equal([1, 2, 4, 3, 0], TripleAlignment.Best(scores));
    }

    [Fact]
    public void All_zero_scores_keep_the_identity()
    {
        Assert.Equal([0, 1, 2, 3, 4, 5], TripleAlignment.Best(new double[6, 6]));
    }

    [Fact]
    public void Fast_search_agrees_with_enumeration_on_random_matrices_of_realistic_scores()
    {
        // Pair scores are means of four F1 values: small-denominator fractions, many zeros, many ties.
        double[] palette = [0, 0, 0, 1, 0.5, 0.25, 0.125, 0.375, 1.0 / 3, 2.0 / 3, 0.4583333333333333, 0.08333333333333333, 0.041666666666666664, 0.7, 0.1];
        var random = new Random(20240611);
        for (var trial = 0; trial < 400; trial++)
        {
            var n = 1 + random.Next(7);
            var scores = new double[n, n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    scores[i, j] = palette[random.Next(palette.Length)];
                }
            }

            Assert.Equal(TripleAlignment.BestByEnumeration(scores), TripleAlignment.Best(scores));
        }
    }
}
