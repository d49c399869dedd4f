using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Retrieval;
using EdcKg.Core.Storage;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Stages;

/// <summary>
/// EDC+R's schema retrieval: the relations of the schema most likely present in a text, by the
/// <see cref="SchemaRetriever"/> over the schema as the previous iteration left it.
/// </summary>
public sealed class SchemaRetrieval(SchemaRetriever retriever, int relations = 10) : IStage<SchemaRetrievalInput, IReadOnlyList<string>>
{
    /// <inheritdoc />
    public string Name => StageName.SchemaRetrieval;

    /// <summary>Indexes the definitions of <paramref name="schema"/> with <paramref name="embedder"/>.</summary>
    public static async Task<SchemaRetrieval> BuildAsync(IReadOnlyList<SchemaRelation> schema, IEmbeddingGenerator<string, Embedding<float>> embedder, int relations, CancellationToken cancellationToken)
        => new(await SchemaRetriever.BuildAsync(schema, embedder, cancellationToken).ConfigureAwait(false), relations);

    /// <summary>The names of the relations most relevant to the item's text, best first.</summary>
    public Task<IReadOnlyList<string>> InvokeAsync(SchemaRetrievalInput input, CancellationToken cancellationToken)
        => retriever.RetrieveAsync(input.Text, relations, cancellationToken);
}
