namespace EdcKg.Evaluation.Scoring;

/// <summary>
/// Chooses which reference triple each candidate triple is scored against. The reference script tries every
/// permutation (n! of them) in <c>itertools.permutations</c> order, adds the pair scores candidate by candidate in
/// floating point, and keeps the first permutation whose sum is strictly the highest. <see cref="Best"/> finds the
/// same permutation without the n! enumeration: the optimum of the assignment problem (Hungarian method) bounds a
/// depth-first search in the same order that only enters branches that can still reach the optimum. Among the
/// (near-)optimal permutations the floating-point sums can differ in the last bit, which decides real ties in the
/// reference; the search compares those sums exactly as the reference does. A branch whose remaining scores are
/// all zero is completed directly, since adding zeros changes no sum.
/// </summary>
public static class TripleAlignment
{
    // Pair scores are means of F1 values with small denominators: permutations whose true sums differ are further
    // apart than this, while rounding differences between truly tied permutations are far smaller.
    private const double Tolerance = 1e-9;

    // Guards against pathological inputs with a huge number of tied optima; past it the best so far is kept.
    private const int MaxOptimalLeaves = 100_000;

    /// <summary>The chosen reference index for each candidate index of the square score matrix <paramref name="scores"/>[candidate, reference].</summary>
    public static int[] Best(double[,] scores)
    {
        var n = scores.GetLength(0);
        if (n != scores.GetLength(1))
        {
            throw new ArgumentException("the score matrix must be square", nameof(scores));
        }

        var search = new OptimalSearch(scores);
        search.Run();
        return search.Result;
    }

    private sealed class OptimalSearch(double[,] scores)
    {
        private readonly int _n = scores.GetLength(0);
        private readonly int[] _current = new int[scores.GetLength(0)];
        private double _optimum;
        private int[]? _best;
        private double _bestSum;
        private int _leaves;

        // (used columns, running sum) pairs already searched: a second path into the same state has the same
        // subtree and comes later in order, so it can only tie, and ties keep the earlier permutation.
        private readonly HashSet<(ulong Used, long Sum)> _seen = [];

        public int[] Result => _best ?? [];

        public void Run()
        {
            var columns = Enumerable.Range(0, _n).ToList();
            _optimum = MaximumAssignment(scores, 0, columns);
            Visit(0, 0.0, 0.0, columns);
        }

        private bool Visit(int row, double exactPrefix, double runningSum, List<int> columns)
        {
            if (row == _n)
            {
                return Leaf(runningSum);
            }

            if (_n <= 64)
            {
                var used = ulong.MaxValue;
                foreach (var column in columns)
                {
                    used &= ~(1UL << column);
                }

                if (!_seen.Add((used, BitConverter.DoubleToInt64Bits(runningSum))))
                {
                    return true;
                }
            }

            var rest = MaximumAssignment(scores, row, columns);
            if (rest == 0)
            {
                // Every completion adds only zeros: the same sum for all, so the first in order stands for them.
                for (var i = 0; i < columns.Count; i++)
                {
                    _current[row + i] = columns[i];
                }

                return Leaf(runningSum);
            }

            foreach (var column in columns.ToArray())
            {
                var others = columns.FindAll(c => c != column);
                var value = scores[row, column];
                if (exactPrefix + value + MaximumAssignment(scores, row + 1, others) < _optimum - Tolerance)
                {
                    continue;
                }

                _current[row] = column;
                if (!Visit(row + 1, exactPrefix + value, runningSum + value, others))
                {
                    return false;
                }
            }

            return true;
        }

        private bool Leaf(double runningSum)
        {
            if (_best is null || runningSum > _bestSum)
            {
                _best = (int[])_current.Clone();
                _bestSum = runningSum;
            }

            return ++_leaves < MaxOptimalLeaves;
        }
    }

    /// <summary>
    /// The reference script's search, kept for checking and benchmarking: every permutation in lexicographic order,
    /// the first with the strictly highest running sum wins.
    /// </summary>
    public static int[] BestByEnumeration(double[,] scores)
    {
        var n = scores.GetLength(0);
        var permutation = Enumerable.Range(0, n).ToArray();
        int[]? best = null;
        var bestScore = 0.0;
        do
        {
            var total = 0.0;
            for (var i = 0; i < n; i++)
            {
                total += scores[i, permutation[i]];
            }

            if (best is null || total > bestScore)
            {
                best = (int[])permutation.Clone();
                bestScore = total;
            }
        }
        while (NextPermutation(permutation));

        return best;
    }

    private static bool NextPermutation(int[] values)
    {
        var i = values.Length - 2;
        while (i >= 0 && values[i] >= values[i + 1])
        {
            i--;
        }

        if (i < 0)
        {
            return false;
        }

        var j = values.Length - 1;
        while (values[j] <= values[i])
        {
            j--;
        }

        (values[i], values[j]) = (values[j], values[i]);
        Array.Reverse(values, i + 1, values.Length - i - 1);
        return true;
    }

    /// <summary>The largest total of a one-to-one assignment of the rows from <paramref name="firstRow"/> on to <paramref name="columns"/> (equal counts).</summary>
    private static double MaximumAssignment(double[,] scores, int firstRow, List<int> columns)
    {
        var n = columns.Count;
        if (n == 0)
        {
            return 0;
        }

        // Hungarian method with potentials on costs = -score, 1-based as in the classic formulation.
        var u = new double[n + 1];
        var v = new double[n + 1];
        var p = new int[n + 1];
        var way = new int[n + 1];
        var minv = new double[n + 1];
        var used = new bool[n + 1];
        for (var i = 1; i <= n; i++)
        {
            p[0] = i;
            var j0 = 0;
            Array.Fill(minv, double.PositiveInfinity);
            Array.Fill(used, false);
            do
            {
                used[j0] = true;
                var i0 = p[j0];
                var delta = double.PositiveInfinity;
                var j1 = 0;
                for (var j = 1; j <= n; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    var cur = -scores[firstRow + i0 - 1, columns[j - 1]] - u[i0] - v[j];
                    if (cur < minv[j])
                    {
                        minv[j] = cur;
                        way[j] = j0;
                    }

                    if (minv[j] < delta)
                    {
                        delta = minv[j];
                        j1 = j;
                    }
                }

                for (var j = 0; j <= n; j++)
                {
                    if (used[j])
                    {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minv[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (p[j0] != 0);

            do
            {
                var j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        var total = 0.0;
        for (var j = 1; j <= n; j++)
        {
            total += scores[firstRow + p[j] - 1, columns[j - 1]];
        }

        return total;
    }
}
