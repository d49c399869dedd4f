namespace EdcKg.Core.Entities;

/// <summary>
/// The inverted index that finds candidate entities for a mention: from each blocking key to the names (nodes of
/// <see cref="EntityClusters"/>) that have it. Each posting list keeps at most <see cref="PostingCap"/> names, the
/// most recently added: a key shared by many names (a common first name, a frequent trigram) says little, and the
/// cap bounds the names one mention can reach to keys × cap, however many entities there are. Keys are weighted by
/// how rare they are (their count, kept past the cap), so a pool is ranked by what its names share that is telling.
/// </summary>
internal sealed class EntityBlockingIndex(int postingCap, int reachBudget)
{
    private readonly Dictionary<ulong, Posting> postings = [];
    private int nodes;

    public int PostingCap { get; } = postingCap;

    /// <summary>The most names one lookup reaches: keys are taken rarest first, so the budget goes to the telling ones.</summary>
    public int ReachBudget { get; } = reachBudget;

    /// <summary>Indexes <paramref name="node"/> under <paramref name="keys"/>.</summary>
    public void Add(int node, IReadOnlyList<BlockingKey> keys)
    {
        nodes++;
        foreach (var key in keys)
        {
            if (!postings.TryGetValue(key.Hash, out var posting))
            {
                posting = new Posting();
                postings[key.Hash] = posting;
            }

            posting.Count++;
            posting.Nodes.Add(node);
            if (posting.Nodes.Count > PostingCap)
            {
                posting.Nodes.RemoveAt(0);
            }
        }
    }

    /// <summary>
    /// The nodes that share a key with <paramref name="keys"/>, each with the summed weight of the keys it shares
    /// (weight × log(1 + names / key count)). Keys are visited rarest first and, within a key, newest name first; once
    /// <see cref="ReachBudget"/> names are reached, further keys only add weight to those. So a lookup costs at most
    /// keys × cap steps and reaches at most the budget, however many names there are.
    /// </summary>
    public Dictionary<int, float> Reach(IReadOnlyList<BlockingKey> keys)
    {
        var found = new List<(Posting Posting, float Weight, int Order)>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            if (postings.TryGetValue(keys[i].Hash, out var posting))
            {
                found.Add((posting, keys[i].Weight * MathF.Log(1f + ((float)nodes / posting.Count)), i));
            }
        }

        found.Sort((a, b) => a.Posting.Count != b.Posting.Count ? a.Posting.Count.CompareTo(b.Posting.Count) : a.Order.CompareTo(b.Order));
        var reached = new Dictionary<int, float>();
        foreach (var (posting, weight, _) in found)
        {
            for (var n = posting.Nodes.Count - 1; n >= 0; n--)
            {
                var node = posting.Nodes[n];
                if (reached.TryGetValue(node, out var sum))
                {
                    reached[node] = sum + weight;
                }
                else if (reached.Count < ReachBudget)
                {
                    reached[node] = weight;
                }
            }
        }

        return reached;
    }

    private sealed class Posting
    {
        public int Count { get; set; }

        public List<int> Nodes { get; } = [];
    }
}
