using Microsoft.Extensions.AI;

namespace EdcKg.Core.Tests.Entities;

/// <summary>Sends entity-resolution questions to the scripted resolver and every other prompt to the pipeline's scripted model.</summary>
internal sealed class EntityQuestionRouter(IChatClient stages, ScriptedEntityResolver resolver) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        return list.Any(m => m.Text.Contains("Which of the following entities", StringComparison.Ordinal))
            ? resolver.GetResponseAsync(list, options, cancellationToken)
            : stages.GetResponseAsync(list, options, cancellationToken);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
