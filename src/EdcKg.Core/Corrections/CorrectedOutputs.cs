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
    {
        var corrections = await CorrectionSet.LoadAsync(store.Path, cancellationToken).ConfigureAwait(false);
        var written = 0;
        foreach (var iteration in await StoredIterations.LoadAsync(store, cancellationToken).ConfigureAwait(false))
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
