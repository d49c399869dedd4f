using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;

namespace EdcKg.Cli.Backends.Remote;

/// <summary>
/// An embedding model on an OpenAI-compatible server. The server embeds the texts as given, so the prompts go into
/// the texts: by default a query that comes with a task instruction (EDC's schema retriever) is sent in the
/// instruction format of e5-mistral and its kin, <c>Instruct: …\nQuery: …</c>, as EDC does; configured prompts
/// replace that. Our option keys are not sent.
/// </summary>
public sealed class RemoteEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, EmbeddingPrompts? prompts = null)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    /// <summary>EDC's prompt of instructed queries, used unless configured otherwise.</summary>
    public static EmbeddingPrompts DefaultPrompts { get; } = new(InstructionPrompt: "Instruct: " + EmbeddingPrompts.InstructionSlot + "\nQuery: ");

    private readonly EmbeddingPrompts prompts = (prompts ?? EmbeddingPrompts.None).Or(DefaultPrompts);

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
