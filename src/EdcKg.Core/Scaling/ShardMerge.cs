using System.Globalization;
using EdcKg.Core.Domain;
using EdcKg.Core.Inputs;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Storage;

namespace EdcKg.Core.Scaling;

/// <summary>
/// Combines the run stores of the N shards of a sharded run into one store, ready for a global canonicalization.
/// <para>
/// Open extraction and schema definition of iteration 0 depend on the document alone, so their outputs are copied.
/// Schema canonicalization does not: with self-canonicalization each document is aligned to the schema grown by the
/// documents before it, and a shard only saw its own. So nothing of canonicalization (nor of later iterations, whose
/// hints read the schema) is copied: the merged run canonicalizes every document again in corpus order against one
/// schema that starts from the target schema. A relation induced in several shards so joins the schema once, at its
/// first document in corpus order, and every later document, whichever shard it came from, aligns to it, exactly as
/// in one unsharded run. The shards' cached LLM answers and embeddings are copied too, so the merged run asks the
/// models only the questions whose candidate lists changed.
/// </para>
/// </summary>
public static class ShardMerge
{
    /// <summary>
    /// Checks that <paramref name="runDirectories"/> are all N shards of one run made with the inputs, prompts,
    /// models and options of <paramref name="manifest"/> (the merged run's own), then fills <paramref name="target"/>.
    /// A target that already holds the merged corpus (a merge run again) keeps its work.
    /// </summary>
    public static async Task<MergedShards> MergeAsync(IReadOnlyList<string> runDirectories, RunStore target, Func<IReadOnlyList<Document>, IReadOnlyList<SchemaRelation>, IReadOnlyDictionary<string, string>> manifest, CancellationToken cancellationToken)
    {
        if (runDirectories.Count == 0)
        {
            throw new InputException("merge: name the output folders of the shard runs.");
        }

        var shards = new List<Shard>();
        foreach (var directory in runDirectories)
        {
            shards.Add(await Shard.ReadAsync(directory, cancellationToken).ConfigureAwait(false));
        }

        var first = shards[0];
        var count = first.Spec.Count;
        foreach (var shard in shards)
        {
            if (shard.Spec.Count != count)
            {
                throw new RunMismatchException($"{shard.Directory}: shard {shard.Spec} is not one of {count} shards like {first.Directory} ({first.Spec}).");
            }

            RunManifest.EnsureCompatible(ShardManifest.Shaping(first.Manifest), ShardManifest.Shaping(shard.Manifest), shard.Store);
        }

        var duplicate = shards.GroupBy(s => s.Spec.Index).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InputException($"merge: shard {duplicate.First().Spec} is given twice: {string.Join(", ", duplicate.Select(s => s.Directory))}.");
        }

        var missing = Enumerable.Range(0, count).Where(i => shards.All(s => s.Spec.Index != i)).ToList();
        if (missing.Count > 0)
        {
            throw new InputException($"merge: shard{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(", ", missing.Select(i => $"{i}/{count}"))} missing: give the output folders of all {count} shards.");
        }

        var corpus = shards.SelectMany(s => s.Documents).OrderBy(d => d.Index).ToList();
        var clash = corpus.GroupBy(d => d.Index).Where(g => g.Count() > 1).Select(g => g.First())
            .Concat(corpus.GroupBy(d => d.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.First()))
            .FirstOrDefault();
        if (clash is not null)
        {
            throw new RunMismatchException($"merge: document {clash.Id} (position {clash.Index}) is in more than one shard; were the shards cut from different corpus files?");
        }

        if (corpus.Count.ToString(CultureInfo.InvariantCulture) != first.Manifest.GetValueOrDefault(ShardManifest.CorpusDocuments)
            || ShardManifest.HashOf(corpus) != first.Manifest.GetValueOrDefault(ShardManifest.CorpusSha256))
        {
            throw new RunMismatchException($"merge: the shards' documents ({corpus.Count}) are not the corpus they were cut from ({first.Manifest.GetValueOrDefault(ShardManifest.CorpusDocuments)} documents): a shard run is unfinished or came from another corpus.");
        }

        var merged = manifest(corpus, first.TargetSchema);
        RunManifest.EnsureCompatible(ShardManifest.Shaping(first.Manifest), ShardManifest.Shaping(merged), first.Store);

        var existing = await target.LoadDocumentsAsync(cancellationToken).ConfigureAwait(false);
        if (existing.Count > 0)
        {
            if (!existing.SequenceEqual(corpus))
            {
                throw new RunMismatchException($"{target.Path}: this output folder holds another run; merge into a new --output-dir.");
            }
        }
        else
        {
            // One transaction: a merge killed here leaves an empty store, never a corpus without its schema.
            var copied = new PendingWrite();
            copied.Chunks.AddRange(shards.SelectMany(s => s.Chunks));
            foreach (var shard in shards)
            {
                foreach (var (stage, results) in shard.DocumentOnlyResults)
                {
                    copied.ItemResults.AddRange(results.Select(r => (0, stage, r.Key, r.Value)));
                }
            }

            await target.StartRunAsync(merged, corpus, first.TargetSchema, copied, cancellationToken).ConfigureAwait(false);
        }

        foreach (var shard in shards)
        {
            await target.ImportCachesAsync(shard.Store, cancellationToken).ConfigureAwait(false);
        }

        return new MergedShards(corpus, first.TargetSchema);
    }

    private sealed record Shard(
        string Directory,
        string Store,
        ShardSpec Spec,
        IReadOnlyDictionary<string, string> Manifest,
        IReadOnlyList<Document> Documents,
        IReadOnlyList<SchemaRelation> TargetSchema,
        IReadOnlyList<(string Stage, Dictionary<Pipeline.ItemKey, string> Results)> DocumentOnlyResults,
        IReadOnlyList<Chunking.Chunk> Chunks)
    {
        public static async Task<Shard> ReadAsync(string directory, CancellationToken cancellationToken)
        {
            await using var store = RunStore.OpenExisting(directory);
            var manifest = await store.ReadManifestAsync(cancellationToken).ConfigureAwait(false);
            if (!manifest.TryGetValue(ShardManifest.Shard, out var shard))
            {
                throw new InputException($"{store.Path}: not a shard run (it was not run with --shard i/N).");
            }

            var documents = await store.LoadDocumentsAsync(cancellationToken).ConfigureAwait(false);
            var schema = (await store.LoadSchemaAsync(cancellationToken).ConfigureAwait(false)).Where(r => r.Origin == RelationOrigin.Target).ToList();
            var results = new List<(string, Dictionary<Pipeline.ItemKey, string>)>();
            foreach (var stage in new[] { StageName.OpenExtraction, StageName.SchemaDefinition })
            {
                results.Add((stage, await store.LoadItemResultsAsync(0, stage, cancellationToken).ConfigureAwait(false)));
            }

            var chunks = await store.LoadChunksAsync(documents, cancellationToken).ConfigureAwait(false);
            return new Shard(directory, store.Path, ShardSpec.Parse(shard), manifest, documents, schema, results, chunks);
        }
    }
}
