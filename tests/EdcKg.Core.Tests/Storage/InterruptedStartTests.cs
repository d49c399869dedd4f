using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Scaling;
using EdcKg.Core.Storage;
using EdcKg.Core.Tests.Pipeline;
using TestModels;

namespace EdcKg.Core.Tests.Storage;

/// <summary>
/// A run or a merge killed at each commit point of the run store in turn (the store's commit hook throws there and at
/// every later commit, as a killed process commits nothing more): the next run starts clean or resumes to the results
/// of an uninterrupted run, and never finds a manifest and documents without their target schema.
/// </summary>
public sealed class InterruptedStartTests
{
    private static readonly string[] Texts =
    [
        "Alice works_for Acme. Acme located_in Paris.",
        "Bob works_for Initech. Bob born_in Lyon.",
        "Carol employed_by Globex. Globex located_in Berlin.",
        "Dave born_in Rome. Dave works_for Acme.",
    ];

    private static readonly IReadOnlyList<SchemaRelation> TargetSchema =
    [
        new("located in", "The subject entity is located_in the place given by the object entity.", RelationOrigin.Target),
        new("works for", "The subject entity works_for the employer given by the object entity.", RelationOrigin.Target),
    ];

    [Fact]
    public async Task Run_KilledAtEveryCommitPoint_NextRunStartsCleanOrResumesToTheSameResults()
    {
        using var folder = TestPaths.TempDirectory();
        try
        {
            var corpus = TestRuns.Corpus(Texts);
            var settings = new EdcSettings { Parallelism = 2 };
            var reference = Path.Combine(folder, "reference");
            var points = new List<string>();
            await TestRuns.RunAsync(corpus, reference, settings, new ScriptedChatClient(), schema: TargetSchema, beforeCommit: p => points.Add(p));
            Assert.Equal("start", points[0]);

            // Concurrent writes share commits, so a run commits about as often as the reference did: kill it at
            // every commit until a run ends before the kill.
            var (clean, resumed) = (0, 0);
            for (var kill = 1; kill <= 4 * points.Count; kill++)
            {
                var output = Path.Combine(folder, "killed-at-" + kill);
                var killed = await KilledAsync(() => TestRuns.RunAsync(corpus, output, settings, new ScriptedChatClient(), schema: TargetSchema, beforeCommit: KillAt(kill)));
                if (!killed)
                {
                    break;
                }

                if (await AssertStartedWholeOrNotAtAllAsync(output, corpus))
                {
                    resumed++;
                }
                else
                {
                    clean++;
                }

                var (summary, _) = await TestRuns.RunAsync(corpus, output, settings, new ScriptedChatClient(), schema: TargetSchema);
                Assert.True(summary.Complete);
                TestRuns.AssertSameOutputs(reference, output, iterations: 1);
            }

            // The kill at the first commit point left an empty store; every later one a started run.
            Assert.Equal(1, clean);
            Assert.True(resumed >= 4, $"{resumed} kills after the start");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Merge_KilledAtEveryCommitPoint_NextMergeStartsCleanOrResumesToTheSameResults()
    {
        using var folder = TestPaths.TempDirectory();
        try
        {
            var corpus = TestRuns.Corpus(Texts);
            var settings = new EdcSettings();
            var reference = Path.Combine(folder, "reference");
            await TestRuns.RunAsync(corpus, reference, settings, new ScriptedChatClient(), schema: TargetSchema);
            var shards = new List<string>();
            for (var i = 0; i < 2; i++)
            {
                var spec = new ShardSpec(i, 2);
                shards.Add(Path.Combine(folder, "shard" + i));
                await TestRuns.RunAsync(spec.Select(corpus), shards[^1], settings, new ScriptedChatClient(), ShardManifest.EntriesFor(spec, corpus), TargetSchema);
            }

            var prompts = TestRuns.Prompts(settings);
            Dictionary<string, string> Manifest(IReadOnlyList<Document> c, IReadOnlyList<SchemaRelation> s) => RunManifest.Create(c, s, prompts, settings, TestRuns.Models);
            var points = new List<string>();
            await using (var store = RunStore.Open(Path.Combine(folder, "merged")))
            {
                store.BeforeCommit = points.Add;
                await ShardMerge.MergeAsync(shards, store, Manifest, CancellationToken.None);
            }

            Assert.Equal(["start", "caches", "caches"], points);
            for (var kill = 1; kill <= points.Count; kill++)
            {
                var output = Path.Combine(folder, "killed-at-" + kill);
                await using (var store = RunStore.Open(output))
                {
                    store.BeforeCommit = KillAt(kill);
                    await Assert.ThrowsAsync<SimulatedKill>(() => ShardMerge.MergeAsync(shards, store, Manifest, CancellationToken.None));
                }

                Assert.Equal(kill > 1, await AssertStartedWholeOrNotAtAllAsync(output, corpus));
                MergedShards merged;
                await using (var store = RunStore.Open(output))
                {
                    merged = await ShardMerge.MergeAsync(shards, store, Manifest, CancellationToken.None);
                }

                var (summary, _) = await TestRuns.RunAsync(merged.Corpus, output, settings, new ScriptedChatClient(), schema: merged.TargetSchema);
                Assert.True(summary.Complete);
                TestRuns.AssertSameOutputs(reference, output, iterations: 1);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Whether <paramref name="run"/> was killed by the commit hook (any other failure fails the test).</summary>
    private static async Task<bool> KilledAsync(Func<Task> run)
    {
        try
        {
            await run();
            return false;
        }
        catch (Exception e) when (IsKill(e))
        {
            return true;
        }
    }

    private static bool IsKill(Exception? e)
        => e is SimulatedKill || (e is AggregateException a && a.InnerExceptions.Any(IsKill)) || (e?.InnerException is { } inner && IsKill(inner));

    /// <summary>A commit hook that kills the run at its <paramref name="kill"/>-th commit and lets nothing commit after.</summary>
    private static Action<string> KillAt(int kill)
    {
        var commits = 0;
        return point =>
        {
            if (Interlocked.Increment(ref commits) >= kill)
            {
                throw new SimulatedKill(point);
            }
        };
    }

    /// <summary>Asserts the store holds either nothing or the whole start of the run; true for the latter.</summary>
    private static async Task<bool> AssertStartedWholeOrNotAtAllAsync(string output, IReadOnlyList<Document> corpus)
    {
        await using var store = RunStore.OpenExisting(output);
        var manifest = await store.ReadManifestAsync();
        var documents = await store.LoadDocumentsAsync();
        var target = (await store.LoadSchemaAsync()).Where(r => r.Origin == RelationOrigin.Target).ToList();
        if (manifest.Count == 0)
        {
            Assert.Empty(documents);
            Assert.Empty(target);
            Assert.Empty(await store.LoadStageResultsAsync(0, StageName.OpenExtraction));
            return false;
        }

        Assert.Equal(corpus, documents);
        Assert.Equal(TargetSchema, target);
        return true;
    }

    /// <summary>What the commit hook throws: the process died before this commit.</summary>
    private sealed class SimulatedKill(string point) : Exception("killed before the commit of " + point);
}
