namespace EdcKg.Core.Entities;

/// <summary>One key of the blocking index: a hash of its kind and text, and how much sharing it says about two names.</summary>
internal readonly record struct BlockingKey(ulong Hash, float Weight)
{
    /// <summary>A key of <paramref name="kind"/> (one letter) over <paramref name="text"/>.</summary>
    public static BlockingKey Of(char kind, string text, float weight)
    {
        // FNV-1a over the kind and the UTF-16 text: stable across processes, unlike string.GetHashCode.
        var hash = 14695981039346656037UL;
        hash = (hash ^ kind) * 1099511628211UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return new BlockingKey(hash, weight);
    }
}
