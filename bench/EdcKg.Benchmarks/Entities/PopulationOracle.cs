using Microsoft.Extensions.AI;

namespace EdcKg.Benchmarks.Entities;

/// <summary>
/// Answers entity-resolution questions from the generated population's ground truth, in place of an LLM, so the
/// benchmark measures blocking and clustering: it reads the mention's sentence and each choice's sentence from the
/// prompt and picks the choice of the same true entity, or "None of the above".
/// </summary>
internal sealed class PopulationOracle(IReadOnlyDictionary<string, int> truthOfContext) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prompt = string.Concat(messages.Select(m => m.Text));
        var lines = prompt.Split('\n');
        var sentence = lines.First(l => l.StartsWith("Sentence: ", StringComparison.Ordinal))["Sentence: ".Length..].Trim();
        var wanted = truthOfContext.GetValueOrDefault(sentence, -1);
        var choices = lines.SkipWhile(l => l != "Choices:").Skip(1).Where(l => l.Length > 3 && l[1] == '.').ToList();
        var answer = choices[^1][..1];
        foreach (var choice in choices[..^1])
        {
            var bar = choice.IndexOf(" | ", StringComparison.Ordinal);
            if (bar >= 0 && truthOfContext.TryGetValue(choice[(bar + 3)..].Trim(), out var truth) && truth == wanted)
            {
                answer = choice[..1];
                break;
            }
        }

        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
