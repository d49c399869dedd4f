using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;

namespace EdcKg.Cli.Backends.Remote;

/// <summary>
/// An embedding model on an OpenAI-compatible server. The server embeds the texts as given, so a query that comes
/// with a task instruction (EDC's schema retriever) is sent in the instruction format of e5-mistral and its kin,
/// <c>Instruct: …\nQuery: …</c>, as EDC does; our option keys are not sent.
/// </summary>
public sealed class RemoteEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    /// <inheritdoc />
    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var instruction = EmbeddingOptionKeys.InstructionOf(options);
        var texts = instruction is not null && EmbeddingOptionKeys.RoleOf(options) == EmbeddingRole.Query
            ? values.Select(v => $"Instruct: {instruction}\nQuery: {v}")
            : values;
        EmbeddingGenerationOptions? sent = null;
        if (options is not null)
        {
            sent = options.Clone();
            sent.AdditionalProperties = null;
        }

        return base.GenerateAsync(texts, sent, cancellationToken);
    }
}
