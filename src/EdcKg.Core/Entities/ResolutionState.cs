namespace EdcKg.Core.Entities;

/// <summary>
/// The working state of one iteration's resolution: the clusters, the blocking index over their names, and the
/// embedding hash. Applying the same decisions in the same order always gives the same state, which is what makes
/// resolution resumable and replayable.
/// </summary>
internal sealed class ResolutionState(EntityResolutionSettings settings)
{
    private readonly EntityBlockingIndex index = new(settings.PostingCap, settings.ReachBudget);
    private HyperplaneHash? hash;

    public EntityClusters Clusters { get; } = new();

    /// <summary>The node of the mention's exact name (compact normalised form), if the name is known.</summary>
    public bool TryGetExact(NameFeatures features, out int node) => Clusters.TryGetExact(features.Name.Compact, out node);

    /// <summary>
    /// The best candidates for a mention whose name is not known yet, best first, and how many entities the blocking
    /// reached for it (the pairs examined).
    /// </summary>
    public (IReadOnlyList<EntityCandidate> Candidates, int Reached) Candidates(NameFeatures features, float[]? vector)
    {
        var reached = index.Reach(BlockingKeys.Of(features, Codes(vector)));

        // The pool is per entity: its weight is the best of its names', and its lexical score will be the best over
        // the names the keys reached.
        var pool = new Dictionary<int, (float Weight, List<int> Nodes)>();
        foreach (var (node, weight) in reached)
        {
            var root = Clusters.Find(node);
            if (pool.TryGetValue(root, out var entry))
            {
                entry.Nodes.Add(node);
                pool[root] = (Math.Max(entry.Weight, weight), entry.Nodes);
            }
            else
            {
                pool[root] = (weight, [node]);
            }
        }

        var lexicalWeight = vector is null ? 1f : settings.LexicalWeight;
        var scored = pool
            .OrderByDescending(p => p.Value.Weight)
            .ThenBy(p => p.Key)
            .Take(Math.Max(settings.ScoredPerMention, settings.TopK))
            .Select(p =>
            {
                var lexical = p.Value.Nodes.Max(n => NameSimilarity.Score(features, Clusters.FeaturesOf(n)));
                var cosine = vector is null ? 0f : Clusters.Cosine(p.Key, vector);
                var score = (lexicalWeight * lexical) + ((1f - lexicalWeight) * Math.Max(0f, cosine));
                return (Root: p.Key, Lexical: lexical, Cosine: cosine, Score: score);
            })
            .Where(c => c.Score >= settings.MinimumScore && (c.Lexical >= settings.MinimumLexical || c.Cosine >= settings.EmbeddingOnlyCosine))
            .OrderByDescending(c => c.Score)
            .ThenBy(c => Clusters.IdOrder(c.Root))
            .Take(settings.TopK)
            .Select(c => new EntityCandidate(Clusters.IdOf(c.Root), Clusters.NameOf(c.Root), Round(c.Score), Round(c.Lexical), Round(c.Cosine)))
            .ToList();
        return (scored, pool.Count);
    }

    /// <summary>Applies a decision (taken now or replayed): the mention joins, or starts, the decision's entity.</summary>
    public void Apply(EntityDecision decision, float[]? vector, NameFeatures? features = null)
    {
        var mention = decision.Mention;
        features ??= NameFeatures.Of(EntityName.Of(mention.Name));
        var vectorSpan = vector is null ? ReadOnlySpan<float>.Empty : vector;
        if (TryGetExact(features, out var known))
        {
            // The name is known: the mention joins its entity whatever was decided (exact names always merge).
            Clusters.AddMention(mention, known);
        }
        else if (decision.Outcome is EntityDecisionOutcome.Merged or EntityDecisionOutcome.MergedExact)
        {
            Index(Clusters.AddName(mention, features, Clusters.RootOf(decision.EntityId), vectorSpan), vector);
        }
        else
        {
            Index(Clusters.Create(mention, features, decision.EntityId, vectorSpan), vector);
        }

        foreach (var other in decision.DifferentFrom)
        {
            Clusters.SetDifferent(Clusters.RootOf(decision.EntityId), Clusters.RootOf(other));
        }
    }

    private void Index(int node, float[]? vector) => index.Add(node, BlockingKeys.Of(Clusters.FeaturesOf(node), Codes(vector)));

    private int[]? Codes(float[]? vector)
    {
        if (vector is null || vector.Length == 0)
        {
            return null;
        }

        hash ??= new HyperplaneHash(vector.Length, settings.HashBands, settings.HashBitsPerBand, settings.Seed);
        return vector.Length == hash.Dimension ? hash.Codes(vector) : null;
    }

    // Scores are stored and shown rounded, so that a replayed decision record reads the same as the first one.
    private static float Round(float value) => MathF.Round(value, 4);
}
