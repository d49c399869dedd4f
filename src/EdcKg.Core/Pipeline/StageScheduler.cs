using EdcKg.Core.Retrieval;
using EdcKg.Core.Stages;
using EdcKg.Core.Storage;
using Microsoft.Extensions.Logging;

namespace EdcKg.Core.Pipeline;

/// <summary>
/// Runs stage passes over the run store: it loads what a previous run stored and runs the stage only on the pending
/// items, many at once (a local backend batches them, a remote one gets that many requests), commits each output as
/// soon as it is returned, records an item whose model stays unavailable as failed while the others go on, and
/// reports progress. A stage that grows the schema runs in corpus order (<see cref="RunInCorpusOrderAsync"/>).
/// </summary>
public sealed class StageScheduler(RunStore store, int parallelism, IRunProgress progress, ILogger logger)
{
    private int resumedStages;

    /// <summary>Stage passes that found work of a previous run and continued it.</summary>
    public int ResumedStages => resumedStages;

    /// <summary>The items of <paramref name="items"/> whose input of the next stage is there (a failed item is left out).</summary>
    public static IReadOnlyList<WorkItem> Ready<T>(IReadOnlyList<WorkItem> items, IReadOnlyDictionary<ItemKey, T> inputs)
        => items.Where(i => inputs.ContainsKey(i.Key)).ToList();

    /// <summary>The items of <paramref name="items"/> up to the first whose input is not there, for a stage that must go in corpus order.</summary>
    public static IReadOnlyList<WorkItem> ReadyInOrder<T>(IReadOnlyList<WorkItem> items, IReadOnlyDictionary<ItemKey, T> inputs)
        => items.TakeWhile(i => inputs.ContainsKey(i.Key)).ToList();

    /// <summary>Runs (or resumes) <paramref name="pass"/>, items in any order; returns every stored output of its items by key.</summary>
    public Task<IReadOnlyDictionary<ItemKey, TOutput>> RunAsync<TInput, TOutput>(StagePass<TInput, TOutput> pass, CancellationToken cancellationToken)
        => ExecuteAsync(pass, (pending, commit, fail, ct) => Parallel.ForEachAsync(
            pending,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = ct },
            async (item, itemCancellation) =>
            {
                TOutput output;
                try
                {
                    output = await pass.Stage.InvokeAsync(pass.Input(item), itemCancellation).ConfigureAwait(false);
                }
                catch (Exception e) when (!itemCancellation.IsCancellationRequested && ModelUnavailableException.FindIn(e) is not null)
                {
                    // The other items go on; the next run retries this one.
                    await fail(item, e).ConfigureAwait(false);
                    return;
                }

                await commit(item, output).ConfigureAwait(false);
            }), cancellationToken);

    /// <summary>
    /// Runs (or resumes) a canonicalization pass whose schema grows, in corpus order: each item sees the relations
    /// the items before it added, exactly as one item at a time would, while a window of items is canonicalized at
    /// once (<see cref="OrderedSpeculation"/>). An item that fails stops the pass there, so the schema keeps growing in
    /// corpus order when the next run retries it. Each item's input is given <paramref name="schema"/> or a fork of it.
    /// </summary>
    public Task<IReadOnlyDictionary<ItemKey, SchemaCanonicalizationOutput>> RunInCorpusOrderAsync(
        StagePass<SchemaCanonicalizationInput, SchemaCanonicalizationOutput> pass, CanonicalSchema schema, int topK, CancellationToken cancellationToken)
        => ExecuteAsync(pass, (pending, commit, fail, ct) => OrderedSpeculation.RunAsync(
            pending, parallelism, topK, schema,
            (item, view, itemCancellation) => pass.Stage.InvokeAsync(pass.Input(item) with { Schema = view }, itemCancellation),
            commit, ct, fail), cancellationToken);

    private async Task<IReadOnlyDictionary<ItemKey, TOutput>> ExecuteAsync<TInput, TOutput>(
        StagePass<TInput, TOutput> pass, Execution<TOutput> execute, CancellationToken cancellationToken)
    {
        var (iteration, stage) = (pass.Iteration, pass.Stage.Name);
        var results = new Dictionary<ItemKey, TOutput>(pass.Items.Count);
        var stored = await store.LoadItemResultsAsync(iteration, stage, cancellationToken).ConfigureAwait(false);
        foreach (var (key, payload) in stored)
        {
            results[key] = StagePayload.Read<TOutput>(payload);
        }

        var pending = pass.Items.Where(i => !results.ContainsKey(i.Key)).ToList();
        if (pending.Count == 0)
        {
            return results;
        }

        if (stored.Count > 0)
        {
            Interlocked.Increment(ref resumedStages);
            logger.LogInformation("Stage {Stage} of iteration {Iteration}: {Done} of {Total} items already done, resuming", stage, iteration, stored.Count, pass.Items.Count);
        }

        using var stageProgress = progress.BeginStage(stage, iteration, pass.Items.Count, pass.Items.Count - pending.Count);
        async Task CommitAsync(WorkItem item, TOutput output)
        {
            var write = new PendingWrite();
            write.ItemResults.Add((iteration, stage, item.Key, StagePayload.Write(output)));
            pass.AlsoWrite?.Invoke(item, output, write);
            await store.WriteAsync(write, cancellationToken).ConfigureAwait(false);
            lock (results)
            {
                results[item.Key] = output;
            }

            stageProgress.Advance();
            if (pass.Committed is { } committed)
            {
                await committed(item, output).ConfigureAwait(false);
            }
        }

        async Task FailAsync(WorkItem item, Exception exception)
        {
            var message = ModelUnavailableException.FindIn(exception)?.Message ?? exception.Message;
            var failed = new PendingWrite();
            failed.Failures.Add(new DocumentFailure(iteration, stage, item.Key.DocumentIndex, item.Document.Id, message) { ChunkIndex = item.Key.ChunkIndex });
            await store.WriteAsync(failed, cancellationToken).ConfigureAwait(false);
            logger.LogWarning("Stage {Stage} of iteration {Iteration} failed for {Item}: {Error}", stage, iteration, item.Label, message);
        }

        await execute(pending, CommitAsync, FailAsync, cancellationToken).ConfigureAwait(false);
        return results;
    }

    /// <summary>How a pass runs its pending items: <c>commit</c> stores one item's output, <c>fail</c> records an item whose model stayed unavailable.</summary>
    private delegate Task Execution<T>(IReadOnlyList<WorkItem> pending, Func<WorkItem, T, Task> commit, Func<WorkItem, Exception, Task> fail, CancellationToken cancellationToken);
}
