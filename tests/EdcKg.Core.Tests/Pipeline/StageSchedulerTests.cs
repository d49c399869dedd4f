using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdcKg.Core.Tests.Pipeline;

public sealed class StageSchedulerTests
{
    private static readonly IReadOnlyList<WorkItem> Items = Enumerable.Range(0, 5).Select(i => WorkItem.Of(new Document(i, "doc-" + i, "text " + i))).ToList();

    [Fact]
    public async Task RunAsync_OutputsOfAPreviousRun_RunsOnlyThePendingItems()
    {
        using var folder = TestPaths.TempDirectory();
        try
        {
            await using var store = RunStore.Open(folder);
            var first = new EchoStage();
            var scheduler = new StageScheduler(store, 2, new SilentProgress(), NullLogger.Instance);
            await scheduler.RunAsync(first.Over(0, Items.Take(2).ToList(), i => i.Text), CancellationToken.None);

            var second = new EchoStage();
            var again = new StageScheduler(store, 2, new SilentProgress(), NullLogger.Instance);
            var results = await again.RunAsync(second.Over(0, Items, i => i.Text), CancellationToken.None);

            Assert.Equal(["text 2", "text 3", "text 4"], second.Inputs.Order(StringComparer.Ordinal));
            Assert.Equal(Items.Select(i => "echo " + i.Text), Items.Select(i => results[i.Key]));
            Assert.Equal(1, again.ResumedStages);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_AnItemWhoseModelIsUnavailable_IsRecordedFailedAndTheOthersGoOn()
    {
        using var folder = TestPaths.TempDirectory();
        try
        {
            await using var store = RunStore.Open(folder);
            var stage = new EchoStage { FailOn = "text 3" };
            var scheduler = new StageScheduler(store, 3, new SilentProgress(), NullLogger.Instance);
            var results = await scheduler.RunAsync(stage.Over(0, Items, i => i.Text), CancellationToken.None);

            Assert.Equal([0, 1, 2, 4], results.Keys.Select(k => k.DocumentIndex).Order());
            var failure = Assert.Single(await store.LoadFailuresAsync());
            Assert.Equal((0, "echo", 3, "doc-3"), (failure.Iteration, failure.Stage, failure.DocumentIndex, failure.DocumentId));
            Assert.Equal([0, 1, 2, 4], (await store.LoadStageResultsAsync(0, "echo")).Keys.Order());
            Assert.Equal([Items[0], Items[1], Items[2]], StageScheduler.ReadyInOrder(Items, results));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ItemKey_CorpusOrder_IsByDocumentThenChunk()
    {
        ItemKey[] keys = [new(2), new(1, 1), new(1), new(0, 3)];
        Assert.Equal([new(0, 3), new(1), new(1, 1), new(2)], keys.Order());
        Assert.Equal("1.1", new ItemKey(1, 1).ToString());
        Assert.Equal("2", new ItemKey(2).ToString());
    }

    /// <summary>A stage that answers its input with "echo " before it, and fails for good on one input.</summary>
    private sealed class EchoStage : IStage<string, string>
    {
        public List<string> Inputs { get; } = [];

        public string? FailOn { get; init; }

        public string Name => "echo";

        public Task<string> InvokeAsync(string input, CancellationToken cancellationToken)
        {
            lock (Inputs)
            {
                Inputs.Add(input);
            }

            return input == FailOn
                ? Task.FromException<string>(new ModelUnavailableException("the server gave up"))
                : Task.FromResult("echo " + input);
        }
    }
}
