using System.Diagnostics;

namespace EdcKg.Benchmarks;

/// <summary>
/// Runs contenders in interleaved rounds, each keeping its best rate, so a burst of load from other processes on a
/// shared machine penalises none of them more than the others.
/// </summary>
internal sealed class BestOfRounds(int rounds, TimeSpan roundLength)
{
    /// <summary>Items per second of each contender (a call returns how many items it handled), after one warm-up call each.</summary>
    public async Task<double[]> RatesAsync(CancellationToken cancellationToken, params Func<Task<int>>[] contenders)
    {
        var best = new double[contenders.Length];
        foreach (var contender in contenders)
        {
            await contender().ConfigureAwait(false);
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var c = 0; c < contenders.Length; c++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var items = 0;
                var clock = Stopwatch.StartNew();
                do
                {
                    items += await contenders[c]().ConfigureAwait(false);
                }
                while (clock.Elapsed < roundLength);

                best[c] = Math.Max(best[c], items / clock.Elapsed.TotalSeconds);
            }
        }

        return best;
    }
}
