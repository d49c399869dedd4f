using EdcKg.Core.Outputs;
using EdcKg.Core.Storage;

namespace EdcKg.Core.Corrections;

/// <summary>
/// Rewrites a run's iteration files (<c>canon_kg.txt</c>, <c>result_at_each_stage.json</c>, <c>triples.jsonl</c>)
/// from its run store with the current corrections applied: what a review does after every correction and undo, so
/// the files always say what the reviewer decided. The files of iterations the pipeline has not finished stay absent.
/// </summary>
public static class CorrectedOutputs
{
    /// <summary>Rewrites the finished iterations (0 to the first unfinished one) and returns how many it wrote.</summary>
    public static async Task<int> RewriteAsync(RunStore store, string outputDirectory, CancellationToken cancellationToken = default)
        => await RewriteAsync(
            await StoredIterations.LoadAsync(store, cancellationToken).ConfigureAwait(false),
            await CorrectionSet.LoadAsync(store.Path, cancellationToken).ConfigureAwait(false),
            outputDirectory,
            cancellationToken).ConfigureAwait(false);

    /// <summary>Rewrites the finished ones of <paramref name="iterations"/> (read before) with <paramref name="corrections"/>.</summary>
    public static async Task<int> RewriteAsync(IReadOnlyList<StoredIteration> iterations, CorrectionSet corrections, string outputDirectory, CancellationToken cancellationToken = default)
    {
        var written = 0;
        foreach (var iteration in iterations)
        {
            if (iteration.Iteration != written || !iteration.IsComplete)
            {
                break;
            }

            await EdcOutputWriter.WriteIterationAsync(outputDirectory, iteration.Iteration, corrections.Apply(iteration.Results()), cancellationToken).ConfigureAwait(false);
            written++;
        }

        return written;
    }
}
