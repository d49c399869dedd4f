using System.Text.Json;
using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using TestModels;

namespace EdcKg.Core.Tests.Pipeline;

/// <summary><c>edckg run --update</c>: a finished run follows a changed corpus, asking the models only about what changed.</summary>
public sealed class UpdateTests
{
    private static readonly IReadOnlyList<SchemaRelation> Schema =
    [
        new("works for", "The subject entity works for the employer given by the object entity.", RelationOrigin.Target),
        new("located in", "The subject entity is located in the place given by the object entity.", RelationOrigin.Target),
        new("born in", "The subject entity was born in the place given by the object entity.", RelationOrigin.Target),
    ];

    private static IReadOnlyList<Document> Before() => Corpus(
        ("a.txt", "Alice works_for Acme. Acme located_in Paris."),
        ("b.txt", "Bob works_for Initech. Bob born_in Lyon."),
        ("c.txt", "Carol works_for Globex. Globex located_in Berlin."),
        ("d.txt", "Dave born_in Rome. Dave works_for Acme."));

    // b.txt changed, c.txt removed, e.txt new; a.txt and d.txt as they were (d.txt moves up in corpus order).
    private static IReadOnlyList<Document> After() => Corpus(
        ("a.txt", "Alice works_for Acme. Acme located_in Paris."),
        ("b.txt", "Bob works_for Umbrella. Bob born_in Nice."),
        ("d.txt", "Dave born_in Rome. Dave works_for Acme."),
        ("e.txt", "Erin works_for Hooli. Hooli located_in Oslo."));

    [Fact]
    public async Task AnUpdateAsksOnlyAboutChangedAndNewDocumentsAndEqualsAFreshRun()
    {
        using var folder = new TempFolder();
        var updated = folder.Combine("updated");
        await RunAsync(Before(), updated, Schema, new ScriptedChatClient());

        var updateChat = new ScriptedChatClient();
        CorpusChanges? planned = null;
        var sink = new RecordingSink();
        await RunAsync(After(), updated, Schema, updateChat, update: true, sink: sink, planned: c => planned = c);

        var fresh = folder.Combine("fresh");
        await RunAsync(After(), fresh, Schema, new ScriptedChatClient());
        TestRuns.AssertSameOutputs(fresh, updated, iterations: 1);
        Assert.Equal(File.ReadAllText(Path.Combine(fresh, "documents.jsonl")), File.ReadAllText(Path.Combine(updated, "documents.jsonl")));

        // The update paid for b.txt and e.txt alone: exactly what a run over those two documents costs.
        var onlyChanged = new ScriptedChatClient();
        await RunAsync(Corpus(("b.txt", After()[1].Text), ("e.txt", After()[3].Text)), folder.Combine("only-changed"), Schema, onlyChanged);
        Assert.Equal(onlyChanged.Calls, updateChat.Calls);
        Assert.All(updateChat.Prompts, p => Assert.DoesNotContain("Alice", p));

        Assert.NotNull(planned);
        Assert.Equal("2 unchanged, 1 changed, 1 new, 1 removed", planned.ToString());
        Assert.Equal(["b.txt", "c.txt"], sink.Retired);

        await using var store = RunStore.Open(updated);
        var history = Assert.Single(await store.LoadUpdatesAsync());
        Assert.Equal((2, 1, 1, 1), (history.Unchanged, history.Changed, history.Added, history.Removed));
        using var details = JsonDocument.Parse(history.Details);
        Assert.Equal("c.txt", details.RootElement.GetProperty("removed")[0].GetString());
    }

    [Fact]
    public async Task AChangedCorpusWithoutUpdateIsRefusedNamingUpdate()
    {
        using var folder = new TempFolder();
        var output = folder.Combine("out");
        await RunAsync(Before(), output, Schema, new ScriptedChatClient());
        var error = await Assert.ThrowsAsync<RunMismatchException>(() => RunAsync(After(), output, Schema, new ScriptedChatClient()));
        Assert.Contains("--update", error.Message);
    }

    [Fact]
    public async Task AnUpdateWithOtherOptionsIsRefusedBeforeAnyWork()
    {
        using var folder = new TempFolder();
        var output = folder.Combine("out");
        await RunAsync(Before(), output, Schema, new ScriptedChatClient());
        var chat = new ScriptedChatClient();
        var error = await Assert.ThrowsAsync<RunMismatchException>(() => RunAsync(After(), output, Schema, chat, update: true, settings: new EdcSettings { CanonicalizationTopK = 3 }));
        Assert.Contains("option.sc_top_k", error.Message);
        Assert.Contains("another --output-dir", error.Message);
        Assert.Equal(0, chat.Calls);
    }

    [Fact]
    public async Task AnUpdateKilledPartWayResumesToTheSameResult()
    {
        using var folder = new TempFolder();
        var fresh = folder.Combine("fresh");
        await RunAsync(After(), fresh, Schema, new ScriptedChatClient());

        var updated = folder.Combine("updated");
        await RunAsync(Before(), updated, Schema, new ScriptedChatClient());
        using var kill = new CancellationTokenSource();
        var dying = new CancelAtCall(new ScriptedChatClient(), 3, kill);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(After(), updated, Schema, dying, update: true, cancellationToken: kill.Token));

        await RunAsync(After(), updated, Schema, new ScriptedChatClient(), update: true);
        TestRuns.AssertSameOutputs(fresh, updated, iterations: 1);
    }

    [Fact]
    public async Task WithAGrowingSchemaRelationsOnlyRemovedDocumentsIntroducedAreRetired()
    {
        using var folder = new TempFolder();
        var output = folder.Combine("out");
        var before = Corpus(("a.txt", "Alice works_for Acme."), ("b.txt", "Bob plays_for Lyon."), ("c.txt", "Carol works_for Globex."));
        await RunAsync(before, output, [], new ScriptedChatClient());

        var chat = new ScriptedChatClient();
        await RunAsync(Corpus(("a.txt", "Alice works_for Acme."), ("c.txt", "Carol works_for Globex.")), output, [], chat, update: true);

        Assert.Equal(0, chat.Calls);
        await using var store = RunStore.Open(output);
        Assert.Equal(["plays_for"], await store.LoadRetiredRelationsAsync());
        Assert.Contains(await store.LoadSchemaAsync(), r => r.Name == "plays_for");
        Assert.Equal(2, File.ReadAllLines(Path.Combine(output, "iter0", "canon_kg.txt")).Length);
    }

    private static IReadOnlyList<Document> Corpus(params (string Id, string Text)[] documents)
        => documents.Select((d, i) => new Document(i, d.Id, d.Text)).ToList();

    private static async Task RunAsync(
        IReadOnlyList<Document> corpus, string output, IReadOnlyList<SchemaRelation> schema, IChatClient chat, bool update = false, EdcSettings? settings = null,
        ICanonicalTripleSink? sink = null, Action<CorpusChanges>? planned = null, CancellationToken cancellationToken = default)
    {
        settings ??= new EdcSettings();
        var prompts = TestRuns.Prompts(settings);
        var embedder = new HashingEmbeddingGenerator();
        await using var store = RunStore.Open(output);
        var pipeline = new EdcPipeline(new EdcBackends(chat, chat, chat, embedder, chat, embedder), prompts, settings, store, TestRuns.Models)
        {
            Update = update,
            UpdatePlanned = planned,
            TripleSink = sink,
            Time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)),
        };
        await pipeline.RunAsync(corpus, schema, RunManifest.Create(corpus, schema, prompts, settings, TestRuns.Models), output, cancellationToken);
    }

    /// <summary>Records what an update retires.</summary>
    private sealed class RecordingSink : ICanonicalTripleSink
    {
        public List<string> Retired { get; } = [];

        public ValueTask AddAsync(Document document, IReadOnlyList<CanonicalTriple> triples, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public Task CompleteAsync(RunSnapshot snapshot, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RetireDocumentsAsync(IReadOnlyList<string> documentIds, CancellationToken cancellationToken)
        {
            Retired.AddRange(documentIds);
            return Task.CompletedTask;
        }
    }

    /// <summary>Kills the run (cancels its token) when the given call arrives, as Ctrl-C would mid-stage.</summary>
    private sealed class CancelAtCall(IChatClient inner, int call, CancellationTokenSource kill) : DelegatingChatClient(inner)
    {
        private int calls;

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref calls) == call)
            {
                kill.Cancel();
            }

            cancellationToken.ThrowIfCancellationRequested();
            return base.GetResponseAsync(messages, options, cancellationToken);
        }
    }
}
