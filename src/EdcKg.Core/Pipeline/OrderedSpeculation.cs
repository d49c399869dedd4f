using System.Numerics.Tensors;
using EdcKg.Core.Domain;
using EdcKg.Core.Retrieval;
using EdcKg.Core.Stages;

namespace EdcKg.Core.Pipeline;

/// <summary>
/// Canonicalization in corpus order when the schema grows, without giving up parallelism: a window of items is
/// canonicalized at once, each on its own fork of the schema as it stood, and the results are then taken in corpus
/// order. A result is kept only if the relations that earlier items of the window added could not have changed
/// it (none has the name of one of its relations, and none would have entered one of its top-k candidate lists);
/// otherwise that item is canonicalized again on the real schema. The outcome is exactly that of one item at
/// a time, with a local backend fed a batch instead of one prompt.
/// </summary>
internal static class OrderedSpeculation
{
    /// <summary>
    /// Canonicalizes <paramref name="pending"/> in order, handing each result to <paramref name="commit"/> in corpus
    /// order. With <paramref name="fail"/>, an item whose model requests failed for good
    /// (<see cref="ModelUnavailableException"/>) is handed to it and the stage stops there, so that the schema keeps
    /// growing in corpus order when the next run retries it; without, the exception propagates.
    /// </summary>
    public static async Task RunAsync(
        IReadOnlyList<WorkItem> pending,
        int window,
        int topK,
        CanonicalSchema schema,
        Func<WorkItem, CanonicalSchema, CancellationToken, Task<SchemaCanonicalizationOutput>> canonicalize,
        Func<WorkItem, SchemaCanonicalizationOutput, Task> commit,
        CancellationToken cancellationToken,
        Func<WorkItem, Exception, Task>? fail = null)
    {
        async Task<(SchemaCanonicalizationOutput? Output, Exception? Failure)> AttemptAsync(WorkItem item, CanonicalSchema view)
        {
            try
            {
                return (await canonicalize(item, view, cancellationToken).ConfigureAwait(false), null);
            }
            catch (Exception e) when (fail is not null && !cancellationToken.IsCancellationRequested && ModelUnavailableException.FindIn(e) is not null)
            {
                return (null, e);
            }
        }

        for (var start = 0; start < pending.Count; start += window)
        {
            var chunk = pending.Skip(start).Take(window).ToList();
            // The schema stays unchanged until every fork of this window is done with it.
            var speculative = await Task.WhenAll(chunk.Select(d => AttemptAsync(d, schema.Fork()))).ConfigureAwait(false);
            var addedSinceSnapshot = new List<(SchemaRelation Relation, ReadOnlyMemory<float> Embedding)>();
            for (var i = 0; i < chunk.Count; i++)
            {
                var (output, failure) = speculative[i];
                if (output is not null && StillValid(output, addedSinceSnapshot, topK))
                {
                    for (var a = 0; a < output.AddedRelations.Count; a++)
                    {
                        schema.Add(output.AddedRelations[a], output.AddedEmbeddings[a].Span);
                    }
                }
                else if (output is not null)
                {
                    (output, failure) = await AttemptAsync(chunk[i], schema).ConfigureAwait(false);
                }

                if (output is null)
                {
                    // Later items of the window are dropped: the next run redoes them after this one.
                    await fail!(chunk[i], failure!).ConfigureAwait(false);
                    return;
                }

                addedSinceSnapshot.AddRange(output.AddedRelations.Zip(output.AddedEmbeddings));
                await commit(chunk[i], output).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Whether <paramref name="output"/>, computed before <paramref name="added"/> joined the schema, is what it would be now.</summary>
    internal static bool StillValid(SchemaCanonicalizationOutput output, IReadOnlyList<(SchemaRelation Relation, ReadOnlyMemory<float> Embedding)> added, int topK)
    {
        if (added.Count == 0)
        {
            return true;
        }

        for (var d = 0; d < output.Decisions.Count; d++)
        {
            var decision = output.Decisions[d];
            if (added.Any(a => a.Relation.Name == decision.OpenTriple.Relation))
            {
                return false;
            }

            if (d >= output.QueryEmbeddings.Count || output.QueryEmbeddings[d] is not { } query)
            {
                continue;
            }

            if (decision.Candidates.Count < topK)
            {
                return false;
            }

            // A relation that joined later ranks after an equal score, so it displaces the k-th only by beating it;
            // the margin makes the check conservative against rounding.
            var kth = decision.Candidates[^1].Score;
            if (added.Any(a => TensorPrimitives.CosineSimilarity(query.Span, a.Embedding.Span) >= kth - 1e-5f))
            {
                return false;
            }
        }

        return true;
    }
}
