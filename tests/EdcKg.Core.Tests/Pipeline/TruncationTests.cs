using System.Text.Json;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using Microsoft.Extensions.AI;
using TestModels;

namespace EdcKg.Core.Tests.Pipeline;

public sealed class TruncationTests
{
    private static readonly string[] Texts =
    [
        "Alice works_for Acme. Acme located_in Paris.",
        "Bob works_for Initech. Bob born_in Lyon.",
    ];

    [Fact]
    public async Task Run_AnAnswerCutAtTheTokenLimit_IsMarkedInItsStageOutputAndCounted()
    {
        using var folder = TestPaths.TempDirectory();
        try
        {
            var (summary, _) = await TestRuns.RunAsync(TestRuns.Corpus(Texts), folder, new EdcSettings(), new CuttingChatClient(new ScriptedChatClient(), "Bob works_for Initech"));

            Assert.Equal(1, summary.TruncatedAnswers);
            await using var store = RunStore.OpenExisting(folder);
            var extraction = await store.LoadStageResultsAsync(0, StageName.OpenExtraction);
            using var cut = JsonDocument.Parse(extraction[1]);
            Assert.True(cut.RootElement.GetProperty("truncated").GetBoolean());
            // The cut-off last triple is reported as unread, not dropped without a word.
            Assert.Equal(1, summary.UnparsedAnswers);
            Assert.Single(cut.RootElement.GetProperty("unparsed").EnumerateArray());
            // An answer that was not cut is stored as it always was.
            Assert.DoesNotContain("truncated", extraction[0], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Run_ACutAnswerReadFromTheCache_IsStillMarkedAndCounted()
    {
        using var folder = TestPaths.TempDirectory();
        try
        {
            var first = Path.Combine(folder, "first");
            await TestRuns.RunAsync(TestRuns.Corpus(Texts), first, new EdcSettings(), new CuttingChatClient(new ScriptedChatClient(), "Bob works_for Initech"));
            var second = Path.Combine(folder, "second");
            await using (var store = RunStore.Open(second))
            {
                await store.ImportCachesAsync(Path.Combine(first, RunSnapshotReader.StoreFileName));
            }

            var models = new ScriptedChatClient();
            var (summary, _) = await TestRuns.RunAsync(TestRuns.Corpus(Texts), second, new EdcSettings(), models);

            Assert.Equal(0, models.Calls);
            Assert.Equal(1, summary.TruncatedAnswers);
            await using var again = RunStore.OpenExisting(second);
            Assert.Contains("\"truncated\":true", (await again.LoadStageResultsAsync(0, StageName.OpenExtraction))[1], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Cuts the triple answer for one text in the middle of its last triple and says so, as a backend at its token limit does.</summary>
    private sealed class CuttingChatClient(IChatClient inner, string cutWhenPromptHas) : DelegatingChatClient(inner)
    {
        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = messages.ToList();
            var response = await base.GetResponseAsync(list, options, cancellationToken);
            if (options?.AdditionalProperties?.GetValueOrDefault(ChatOptionKeys.OutputShape) is not TripleListShape
                || !list[^1].Text.Contains("Text: " + cutWhenPromptHas, StringComparison.Ordinal))
            {
                return response;
            }

            var text = response.Text;
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, text[..(text.LastIndexOf(',') + 1)])) { FinishReason = ChatFinishReason.Length, Usage = response.Usage };
        }
    }
}
