using System.Numerics.Tensors;

namespace EdcKg.Core.Entities;

/// <summary>
/// The entities of an iteration as clusters of names (union-find over nodes, one node per normalised name), with
/// the mentions of each, the sum of their embeddings, and the pairs of clusters decided to be different: a merge
/// that would join two of those is refused. Each cluster keeps the id it was created with; when two clusters join,
/// the older id stays.
/// </summary>
public sealed class EntityClusters
{
    private readonly List<int> parents = [];
    private readonly List<int> ranks = [];
    private readonly List<NameFeatures> names = [];
    private readonly Dictionary<string, int> byCompact = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Cluster> clusters = [];
    private readonly Dictionary<string, int> nodeOfId = new(StringComparer.Ordinal);
    private readonly List<(EntityMention Mention, int Node)> mentions = [];
    private int created;

    /// <summary>The number of names (nodes).</summary>
    public int NodeCount => parents.Count;

    /// <summary>The number of entities.</summary>
    public int Count => clusters.Count;

    /// <summary>The node of the name whose compact normalised form is <paramref name="compact"/>, if one was added.</summary>
    public bool TryGetExact(string compact, out int node) => byCompact.TryGetValue(compact, out node);

    /// <summary>The cluster (its root node) that <paramref name="node"/> belongs to.</summary>
    public int Find(int node)
    {
        var root = node;
        while (parents[root] != root)
        {
            root = parents[root];
        }

        while (parents[node] != root)
        {
            var next = parents[node];
            parents[node] = root;
            node = next;
        }

        return root;
    }

    /// <summary>The root node of the entity <paramref name="id"/>.</summary>
    public int RootOf(string id)
        => nodeOfId.TryGetValue(id, out var node) ? Find(node) : throw new KeyNotFoundException($"No entity '{id}' in this iteration's decisions.");

    /// <summary>The id of the entity whose root is <paramref name="root"/>.</summary>
    public string IdOf(int root) => clusters[Find(root)].Id;

    /// <summary>Adds a new entity <paramref name="id"/> whose first name is the mention's; returns its node.</summary>
    public int Create(EntityMention mention, string id, ReadOnlySpan<float> vector)
        => Create(mention, NameFeatures.Of(EntityName.Of(mention.Name)), id, vector);

    /// <summary>Adds the mention's name as a new name of the entity whose root is <paramref name="root"/>; returns its node.</summary>
    public int AddName(EntityMention mention, int root, ReadOnlySpan<float> vector)
        => AddName(mention, NameFeatures.Of(EntityName.Of(mention.Name)), root, vector);

    internal int Create(EntityMention mention, NameFeatures features, string id, ReadOnlySpan<float> vector)
    {
        if (nodeOfId.ContainsKey(id))
        {
            throw new InvalidOperationException($"The entity id '{id}' is already used.");
        }

        var node = AddNode(mention, features);
        var cluster = new Cluster(id, mention.Context, created++);
        cluster.Add(vector);
        clusters[node] = cluster;
        nodeOfId[id] = node;
        AddMention(mention, node);
        return node;
    }

    internal int AddName(EntityMention mention, NameFeatures features, int root, ReadOnlySpan<float> vector)
    {
        root = Find(root);
        var node = AddNode(mention, features);
        parents[node] = root;
        clusters[root].Add(vector);
        AddMention(mention, node);
        return node;
    }

    /// <summary>Adds a mention of a name already there (node <paramref name="node"/>).</summary>
    public void AddMention(EntityMention mention, int node)
    {
        clusters[Find(node)].Count(mention.Name, mentions.Count);
        mentions.Add((mention, node));
    }

    /// <summary>Records that the entities of <paramref name="a"/> and <paramref name="b"/> are different.</summary>
    public void SetDifferent(int a, int b)
    {
        a = Find(a);
        b = Find(b);
        if (a != b)
        {
            clusters[a].Different.Add(b);
            clusters[b].Different.Add(a);
        }
    }

    /// <summary>Whether the two entities were decided to be different.</summary>
    public bool AreDifferent(int a, int b)
    {
        a = Find(a);
        b = Find(b);
        return a != b && (clusters[a].Different.Any(d => Find(d) == b) || clusters[b].Different.Any(d => Find(d) == a));
    }

    /// <summary>Joins the two entities, unless they were decided to be different (then nothing changes and false is returned).</summary>
    public bool TryMerge(int a, int b)
    {
        a = Find(a);
        b = Find(b);
        if (a == b)
        {
            return true;
        }

        if (AreDifferent(a, b))
        {
            return false;
        }

        var (older, newer) = clusters[a].Order <= clusters[b].Order ? (clusters[a], clusters[b]) : (clusters[b], clusters[a]);
        var (root, child) = ranks[a] >= ranks[b] ? (a, b) : (b, a);
        if (ranks[a] == ranks[b])
        {
            ranks[root]++;
        }

        parents[child] = root;
        older.Absorb(newer);
        clusters.Remove(child);
        clusters[root] = older;
        return true;
    }

    /// <summary>The canonical name of the entity: the name most of its mentions carry; ties: the longest, then the first.</summary>
    public string NameOf(int root) => clusters[Find(root)].CanonicalName();

    /// <summary>The context of the entity's first mention.</summary>
    public string ContextOf(int root) => clusters[Find(root)].FirstContext;

    /// <summary>The cosine similarity of <paramref name="vector"/> to the mean embedding of the entity (0 without embeddings).</summary>
    public float Cosine(int root, ReadOnlySpan<float> vector)
    {
        var sum = clusters[Find(root)].VectorSum;
        if (sum is null || vector.Length != sum.Length)
        {
            return 0f;
        }

        var norm = TensorPrimitives.Norm(sum) * TensorPrimitives.Norm(vector);
        return norm > 0 ? TensorPrimitives.Dot(sum, vector) / norm : 0f;
    }

    /// <summary>
    /// The entities that have at least one mention whose key is in <paramref name="liveMentions"/> (every mention when
    /// null), in the order they were created, named from those mentions.
    /// </summary>
    public IReadOnlyList<ResolvedEntity> Entities(IReadOnlySet<string>? liveMentions = null)
    {
        var byRoot = new Dictionary<int, List<string>>();
        foreach (var (mention, node) in mentions)
        {
            if (liveMentions is not null && !liveMentions.Contains(mention.Key))
            {
                continue;
            }

            var root = Find(node);
            if (!byRoot.TryGetValue(root, out var list))
            {
                byRoot[root] = list = [];
            }

            list.Add(mention.Name);
        }

        return byRoot
            .OrderBy(p => clusters[p.Key].Order)
            .Select(p =>
            {
                var name = CanonicalOf(p.Value);
                var aliases = p.Value.Distinct(StringComparer.Ordinal).Where(n => n != name).ToList();
                return new ResolvedEntity(clusters[p.Key].Id, name, aliases, p.Value.Count);
            })
            .ToList();
    }

    /// <summary>The entity id of every mention, by <see cref="EntityMention.Key"/>.</summary>
    public IReadOnlyDictionary<string, string> Assignments()
    {
        var assignments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (mention, node) in mentions)
        {
            assignments[mention.Key] = IdOf(node);
        }

        return assignments;
    }

    internal NameFeatures FeaturesOf(int node) => names[node];

    /// <summary>The creation order of the entity whose root is <paramref name="root"/> (ties between candidates go to the older).</summary>
    internal int IdOrder(int root) => clusters[Find(root)].Order;

    internal static string CanonicalOf(IReadOnlyList<string> mentionNames)
    {
        var counts = new Dictionary<string, (int Count, int First)>(StringComparer.Ordinal);
        for (var i = 0; i < mentionNames.Count; i++)
        {
            var name = mentionNames[i];
            counts[name] = counts.TryGetValue(name, out var c) ? (c.Count + 1, c.First) : (1, i);
        }

        return counts.OrderByDescending(p => p.Value.Count).ThenByDescending(p => p.Key.Length).ThenBy(p => p.Value.First).First().Key;
    }

    private int AddNode(EntityMention mention, NameFeatures features)
    {
        if (byCompact.ContainsKey(features.Name.Compact))
        {
            throw new InvalidOperationException($"The name '{mention.Name}' is already a name of an entity; add its mention instead.");
        }

        var node = parents.Count;
        parents.Add(node);
        ranks.Add(0);
        names.Add(features);
        byCompact[features.Name.Compact] = node;
        return node;
    }

    private sealed class Cluster(string id, string firstContext, int order)
    {
        // Per name: how many mentions carry it and the position of the first; the canonical name is kept up to date.
        private readonly Dictionary<string, (int Count, int First)> counts = new(StringComparer.Ordinal);
        private string? canonical;

        public string Id { get; } = id;

        public string FirstContext { get; } = firstContext;

        public int Order { get; } = order;

        public float[]? VectorSum { get; private set; }

        public HashSet<int> Different { get; } = [];

        public void Count(string name, int position)
        {
            var entry = counts.TryGetValue(name, out var c) ? (c.Count + 1, c.First) : (1, position);
            counts[name] = entry;
            if (canonical is null || Better(name, entry, canonical, counts[canonical]))
            {
                canonical = name;
            }
        }

        public string CanonicalName() => canonical ?? string.Empty;

        public void Add(ReadOnlySpan<float> vector)
        {
            if (vector.IsEmpty)
            {
                return;
            }

            if (VectorSum is null)
            {
                VectorSum = vector.ToArray();
            }
            else if (VectorSum.Length == vector.Length)
            {
                TensorPrimitives.Add(VectorSum, vector, VectorSum);
            }
        }

        public void Absorb(Cluster other)
        {
            foreach (var (name, entry) in other.counts)
            {
                counts[name] = counts.TryGetValue(name, out var c) ? (c.Count + entry.Count, Math.Min(c.First, entry.First)) : entry;
            }

            canonical = null;
            foreach (var (name, entry) in counts)
            {
                if (canonical is null || Better(name, entry, canonical, counts[canonical]))
                {
                    canonical = name;
                }
            }

            Different.UnionWith(other.Different);
            if (other.VectorSum is not null)
            {
                Add(other.VectorSum);
            }
        }

        private static bool Better(string name, (int Count, int First) entry, string current, (int Count, int First) best)
            => entry.Count != best.Count ? entry.Count > best.Count
                : name.Length != current.Length ? name.Length > current.Length
                : entry.First < best.First;
    }
}
