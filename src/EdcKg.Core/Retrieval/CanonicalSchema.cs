using EdcKg.Core.Domain;
using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Retrieval;

/// <summary>
/// The schema canonicalization aligns to: relations with their definitions in the order they joined, and the
/// embedding index over their definitions. It grows by self-canonicalization while a run goes on. A fork sees its
/// parent as it is plus its own additions, which the parent does not see (speculative work on a snapshot).
/// </summary>
public sealed class CanonicalSchema
{
    private readonly Dictionary<string, SchemaRelation> relations = new(StringComparer.Ordinal);
    private readonly List<SchemaRelation> ordered = [];
    private readonly CanonicalSchema? parent;
    private EmbeddingIndex? index;

    /// <summary>Creates an empty schema.</summary>
    public CanonicalSchema()
    {
    }

    private CanonicalSchema(CanonicalSchema parent) => this.parent = parent;

    /// <summary>The relations in the order they joined.</summary>
    public IReadOnlyList<SchemaRelation> Relations => parent is null ? ordered : [.. parent.Relations, .. ordered];

    /// <summary>The number of relations.</summary>
    public int Count => (parent?.Count ?? 0) + ordered.Count;

    /// <summary>Whether <paramref name="name"/> is a schema relation.</summary>
    public bool Contains(string name) => relations.ContainsKey(name) || parent?.Contains(name) == true;

    /// <summary>The relation named <paramref name="name"/>.</summary>
    public SchemaRelation this[string name] => relations.TryGetValue(name, out var relation) ? relation : parent![name];

    /// <summary>A fork that sees this schema plus its own additions; this schema must not change while the fork is used.</summary>
    public CanonicalSchema Fork() => new(this);

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
        if (parent?.Contains(relation.Name) == true || !relations.TryAdd(relation.Name, relation))
        {
            return;
        }

        ordered.Add(relation);
        index ??= new EmbeddingIndex(embedding.Length);
        index.Add(relation.Name, embedding);
    }

    /// <summary>The <paramref name="k"/> relations whose definitions are closest to <paramref name="query"/>, best first.</summary>
    public IReadOnlyList<CandidateRelation> Nearest(ReadOnlySpan<float> query, int k)
    {
        var own = index is null ? [] : index.TopK(query, k).Select(s => new CandidateRelation(s.Key, s.Score)).ToList();
        if (parent is null)
        {
            return own;
        }

        // The parent's relations joined first, so on equal scores they rank first, as in one index.
        var merged = parent.Nearest(query, k).Concat(own).ToList();
        return merged.Select((c, i) => (c, i)).OrderByDescending(p => p.c.Score).ThenBy(p => p.i).Take(k).Select(p => p.c).ToList();
    }
}
