using EdcKg.Core.Caching;
using EdcKg.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Tests.Storage;

public sealed class CachedFinishReasonTests
{
    [Fact]
    public async Task CachingChatClient_CacheHit_ReturnsTheStoredFinishReason()
    {
        using var folder = TestPaths.TempDirectory();
        try
        {
            await using (var store = RunStore.Open(folder))
            {
                var cut = new RunStoreCachingChatClient(new FixedChatClient("[['a', 'b'", ChatFinishReason.Length), store, "m");
                Assert.Equal(ChatFinishReason.Length, (await cut.GetResponseAsync("question")).FinishReason);
            }

            await using (var store = RunStore.OpenExisting(folder))
            {
                var never = new FixedChatClient("unused", ChatFinishReason.Stop) { Fails = true };
                var hit = await new RunStoreCachingChatClient(never, store, "m").GetResponseAsync("question");
                Assert.Equal(("[['a', 'b'", ChatFinishReason.Length), (hit.Text, hit.FinishReason));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task RunStore_AStoreFromBeforeFinishReasons_KeepsItsCacheAndReadsItsAnswersAsFinished()
    {
        using var folder = TestPaths.TempDirectory();
        try
        {
            var key = new byte[] { 1, 2, 3 };
            await using (var store = RunStore.Open(folder))
            {
                var write = new PendingWrite();
                write.CachedResponses.Add((key, "old answer", null));
                await store.WriteAsync(write);
            }

            // The table as earlier versions made it: no finish_reason column.
            var path = Path.Combine(folder, RunSnapshotReader.StoreFileName);
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "CREATE TABLE old AS SELECT key, response FROM llm_cache; DROP TABLE llm_cache; CREATE TABLE llm_cache (key BLOB PRIMARY KEY, response TEXT NOT NULL); INSERT INTO llm_cache SELECT * FROM old; DROP TABLE old;";
                command.ExecuteNonQuery();
            }

            await using (var store = RunStore.OpenExisting(folder))
            {
                Assert.Equal(new CachedResponse("old answer", null), await store.TryGetCachedResponseAsync(key));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Answers every question with one text and finish reason; fails when it must not be asked.</summary>
    private sealed class FixedChatClient(string answer, ChatFinishReason reason) : IChatClient
    {
        public bool Fails { get; init; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => Fails
                ? throw new InvalidOperationException("the cache should have answered")
                : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)) { FinishReason = reason });

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
