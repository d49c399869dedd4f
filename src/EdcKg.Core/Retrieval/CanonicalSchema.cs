using EdcKg.Core.Domain;
using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Retrieval;

/// <summary>
/// The schema canonicalization aligns to: relations with their definitions in the order they joined, and the
/// embedding index over their definitions. It grows by self-canonicalization while a run goes on.
/// </summary>
public sealed class CanonicalSchema
{
    private readonly Dictionary<string, SchemaRelation> relations = new(StringComparer.Ordinal);
    private readonly List<SchemaRelation> ordered = [];
    private EmbeddingIndex? index;

    /// <summary>The relations in the order they joined.</summary>
    public IReadOnlyList<SchemaRelation> Relations => ordered;

    /// <summary>The number of relations.</summary>
    public int Count => ordered.Count;

    /// <summary>Whether <paramref name="name"/> is a schema relation.</summary>
    public bool Contains(string name) => relations.ContainsKey(name);

    /// <summary>The relation named <paramref name="name"/>.</summary>
    public SchemaRelation this[string name] => relations[name];

    /// <summary>
    /// Builds the schema from stored relations, embedding their definitions in batches: target relations as passages,
    /// induced ones as queries (they were indexed with the query vector of their definition when they joined).
    /// </summary>
    public static async Task<CanonicalSchema> BuildAsync(IReadOnlyList<SchemaRelation> stored, IEmbeddingGenerator<string, Embedding<float>> embedder, CancellationToken cancellationToken)
    {
        var schema = new CanonicalSchema();
        var vectors = new Dictionary<string, ReadOnlyMemory<float>>(StringComparer.Ordinal);
        foreach (var group in stored.GroupBy(r => r.Origin))
        {
            var role = group.Key == RelationOrigin.Target ? EmbeddingRole.Passage : EmbeddingRole.Query;
            foreach (var chunk in group.Chunk(64))
            {
                var embeddings = await embedder.GenerateAsync(chunk.Select(r => r.Definition), EmbeddingOptionKeys.For(role), cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < chunk.Length; i++)
                {
                    vectors[chunk[i].Name] = embeddings[i].Vector;
                }
            }
        }

        foreach (var relation in stored)
        {
            schema.Add(relation, vectors[relation.Name].Span);
        }

        return schema;
    }

    /// <summary>Adds <paramref name="relation"/> indexed by <paramref name="embedding"/>.</summary>
    public void Add(SchemaRelation relation, ReadOnlySpan<float> embedding)
    {
        if (!relations.TryAdd(relation.Name, relation))
        {
            return;
        }

        ordered.Add(relation);
        index ??= new EmbeddingIndex(embedding.Length);
        index.Add(relation.Name, embedding);
    }

    /// <summary>The <paramref name="k"/> relations whose definitions are closest to <paramref name="query"/>, best first.</summary>
    public IReadOnlyList<CandidateRelation> Nearest(ReadOnlySpan<float> query, int k)
        => index is null ? [] : index.TopK(query, k).Select(s => new CandidateRelation(s.Key, s.Score)).ToList();
}
