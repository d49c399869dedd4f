using EdcKg.Core.Domain;
using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Retrieval;

/// <summary>
/// EDC+R's schema retriever: relation definitions are indexed as passages, and a document, embedded as a query with
/// the instruction below, retrieves the relations most likely present in it.
/// </summary>
public sealed class SchemaRetriever
{
    /// <summary>EDC's retrieval instruction.</summary>
    public const string Instruction = "Retrieve descriptions of relations that are present in the given text.";

    private readonly IEmbeddingGenerator<string, Embedding<float>> embedder;
    private readonly EmbeddingIndex? index;

    private SchemaRetriever(IEmbeddingGenerator<string, Embedding<float>> embedder, EmbeddingIndex? index)
    {
        this.embedder = embedder;
        this.index = index;
    }

    /// <summary>Indexes the definitions of <paramref name="relations"/>.</summary>
    public static async Task<SchemaRetriever> BuildAsync(IReadOnlyList<SchemaRelation> relations, IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken)
    {
        EmbeddingIndex? index = null;
        foreach (var chunk in relations.Chunk(64))
        {
            var vectors = await embedder.GenerateAsync(chunk.Select(r => r.Definition), EmbeddingOptionKeys.For(EmbeddingRole.Passage), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < chunk.Length; i++)
            {
                index ??= new EmbeddingIndex(vectors[i].Vector.Length);
                index.Add(chunk[i].Name, vectors[i].Vector.Span);
            }
        }

        return new SchemaRetriever(embedder, index);
    }

    /// <summary>The names of the <paramref name="k"/> relations most relevant to <paramref name="text"/>, best first.</summary>
    public async Task<IReadOnlyList<string>> RetrieveAsync(string text, int k, CancellationToken cancellationToken)
    {
        if (index is null)
        {
            return [];
        }

        var query = await embedder.GenerateAsync([text], EmbeddingOptionKeys.For(EmbeddingRole.Query, Instruction), cancellationToken).ConfigureAwait(false);
        return index.TopK(query[0].Vector.Span, k).Select(s => s.Key).ToList();
    }
}
