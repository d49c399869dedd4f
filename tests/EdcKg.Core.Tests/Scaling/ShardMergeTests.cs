using EdcKg.Core.Pipeline;
using EdcKg.Core.Scaling;
using EdcKg.Core.Storage;
using EdcKg.Core.Tests.Pipeline;
using TestModels;
using Xunit.Abstractions;

namespace EdcKg.Core.Tests.Scaling;

public sealed class ShardMergeTests(ITestOutputHelper output)
{
    // Relations written differently in different documents ("works_for", "worksFor", "Works For") are one relation
    // to the scripted verifier; which spelling joins the schema depends on which document comes first.
    private static readonly string[] Texts = Enumerable.Range(0, 18).Select(i => (i % 3) switch
    {
        0 => $"Person{i} works_for Company{i % 4}. Company{i % 4} located_in City{i % 5}.",
        1 => $"Person{i} worksFor Company{i % 4}. Company{i % 4} locatedIn City{i % 5}. Person{i} born_in Town{i}.",
        _ => $"Person{i} Works_For Company{i % 4}. Person{i} bornIn Town{i}.",
    }).ToArray();

    [Fact]
    public async Task ThreeShardsMergedEqualOneUnshardedRun()
    {
        using var folder = TestPaths.TempDirectory();
        var corpus = TestRuns.Corpus(Texts);
        var settings = new EdcSettings { RefinementIterations = 1 };
        var reference = Path.Combine(folder, "reference");
        var referenceChat = new ScriptedChatClient();
        await TestRuns.RunAsync(corpus, reference, settings, referenceChat);

        var shardFolders = new List<string>();
        var shardSchemas = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var spec = new ShardSpec(i, 3);
            var shardFolder = Path.Combine(folder, "shard" + i);
            var (summary, _) = await TestRuns.RunAsync(spec.Select(corpus), shardFolder, settings, new ScriptedChatClient(), ShardManifest.EntriesFor(spec, corpus));
            Assert.True(summary.Complete);
            shardFolders.Add(shardFolder);
            shardSchemas.AddRange((await RunSnapshotReader.ReadAsync(shardFolder)).Relations.Select(r => r.Name));
        }

        // Alone, the shards disagree: each induced its own spelling of the same relation.
        var referenceSchema = (await RunSnapshotReader.ReadAsync(reference)).Relations.Select(r => r.Name).ToList();
        Assert.True(shardSchemas.Distinct().Count() > referenceSchema.Count, $"shards: {string.Join(", ", shardSchemas.Distinct())}; reference: {string.Join(", ", referenceSchema)}");

        var merged = Path.Combine(folder, "merged");
        var mergeChat = new ScriptedChatClient();
        var prompts = TestRuns.Prompts(settings);
        MergedShards shards;
        await using (var store = RunStore.Open(merged))
        {
            shards = await ShardMerge.MergeAsync(shardFolders, store, (c, s) => RunManifest.Create(c, s, prompts, settings, TestRuns.Models), CancellationToken.None);
        }

        Assert.Equal(corpus, shards.Corpus);
        var (mergedSummary, _) = await TestRuns.RunAsync(shards.Corpus, merged, settings, mergeChat, schema: shards.TargetSchema);
        Assert.True(mergedSummary.Complete);
        TestRuns.AssertSameOutputs(reference, merged, iterations: 2);
        Assert.Equal(referenceSchema, (await RunSnapshotReader.ReadAsync(merged)).Relations.Select(r => r.Name));
        // Extraction and definition were not asked again, and cached verifier answers were reused.
        Assert.InRange(mergeChat.Calls, 1, referenceChat.Calls / 2);
        output.WriteLine($"merge of 3 shards: {mergeChat.Calls} LLM calls, unsharded run: {referenceChat.Calls} ({(double)mergeChat.Calls / referenceChat.Calls:P0})");
    }

    [Fact]
    public async Task AMergeWithAMissingShardNamesIt()
    {
        using var folder = TestPaths.TempDirectory();
        var corpus = TestRuns.Corpus(Texts);
        var settings = new EdcSettings();
        var folders = new List<string>();
        foreach (var i in new[] { 0, 2 })
        {
            var spec = new ShardSpec(i, 3);
            var shardFolder = Path.Combine(folder, "shard" + i);
            await TestRuns.RunAsync(spec.Select(corpus), shardFolder, settings, new ScriptedChatClient(), ShardManifest.EntriesFor(spec, corpus));
            folders.Add(shardFolder);
        }

        await using var store = RunStore.Open(Path.Combine(folder, "merged"));
        var prompts = TestRuns.Prompts(settings);
        var error = await Assert.ThrowsAsync<EdcKg.Core.Inputs.InputException>(() => ShardMerge.MergeAsync(folders, store, (c, s) => RunManifest.Create(c, s, prompts, settings, TestRuns.Models), CancellationToken.None));
        Assert.Contains("shard 1/3 missing", error.Message);
    }

    [Fact]
    public async Task AMergeWithOtherOptionsThanTheShardsIsRefused()
    {
        using var folder = TestPaths.TempDirectory();
        var corpus = TestRuns.Corpus(Texts);
        var settings = new EdcSettings();
        var spec = new ShardSpec(0, 1);
        var shardFolder = Path.Combine(folder, "shard0");
        await TestRuns.RunAsync(corpus, shardFolder, settings, new ScriptedChatClient(), ShardManifest.EntriesFor(spec, corpus));

        await using var store = RunStore.Open(Path.Combine(folder, "merged"));
        var other = settings with { CanonicalizationTopK = 2 };
        var prompts = TestRuns.Prompts(other);
        var error = await Assert.ThrowsAsync<RunMismatchException>(() => ShardMerge.MergeAsync([shardFolder], store, (c, s) => RunManifest.Create(c, s, prompts, other, TestRuns.Models), CancellationToken.None));
        Assert.Contains("option.sc_top_k", error.Message);
    }
}
