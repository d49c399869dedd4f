namespace EdcKg.Core.Entities;

/// <summary>
/// The inverted index that finds candidate entities for a mention: from each blocking key to the names (nodes of
/// <see cref="EntityClusters"/>) that have it. Each posting list keeps at most <see cref="PostingCap"/> names, the
/// most recently added: a key shared by many names (a common first name, a frequent trigram) says little, and the
/// cap bounds the names one mention can reach to keys × cap, however many entities there are. Keys are weighted by
/// how rare they are (their count, kept past the cap), so a pool is ranked by what its names share that is telling.
/// </summary>
internal sealed class EntityBlockingIndex(int postingCap)
{
    private readonly Dictionary<ulong, Posting> postings = [];
    private int nodes;

    public int PostingCap { get; } = postingCap;

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
    /// (weight × log(1 + names / key count)), in the order they were first reached.
    /// </summary>
    public Dictionary<int, float> Reach(IReadOnlyList<BlockingKey> keys)
    {
        var reached = new Dictionary<int, float>();
        foreach (var key in keys)
        {
            if (!postings.TryGetValue(key.Hash, out var posting))
            {
                continue;
            }

            var weight = key.Weight * MathF.Log(1f + ((float)nodes / posting.Count));
            foreach (var node in posting.Nodes)
            {
                reached[node] = reached.GetValueOrDefault(node) + weight;
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
