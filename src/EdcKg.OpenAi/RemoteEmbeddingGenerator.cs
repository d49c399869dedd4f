using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;

namespace EdcKg.OpenAi;

/// <summary>
/// An embedding model on an OpenAI-compatible server. The server embeds the texts as given, so the prompts go into
/// the texts, by the rule of every embedder (<see cref="EmbeddingPrompts.Resolve"/>; a served model has no prompts
/// of its own here): by default a query that comes with a task instruction (EDC's schema retriever) is sent as
/// <c>Instruct: …\nQuery: …</c>, as EDC does; configured prompts replace that. Our option keys are not sent.
/// </summary>
public sealed class RemoteEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, EmbeddingPrompts? prompts = null)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private readonly EmbeddingPrompts prompts = EmbeddingPrompts.Resolve(prompts);

    /// <summary>The prompts in effect: those configured, then EDC's instruction prompt.</summary>
    public EmbeddingPrompts Prompts => prompts;

    /// <inheritdoc />
    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prefix = prompts.PrefixFor(options);
        var texts = prefix.Length > 0 ? values.Select(v => prefix + v) : values;
        EmbeddingGenerationOptions? sent = null;
        if (options is not null)
        {
            sent = options.Clone();
            sent.AdditionalProperties = null;
        }

        return base.GenerateAsync(texts, sent, cancellationToken);
    }
}
