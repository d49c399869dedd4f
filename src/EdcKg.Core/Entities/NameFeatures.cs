namespace EdcKg.Core.Entities;

/// <summary>What the lexical signals need of one name, computed once: its normalised form and its character trigrams.</summary>
internal sealed class NameFeatures
{
    private NameFeatures(EntityName name, long[] trigrams)
    {
        Name = name;
        Trigrams = trigrams;
    }

    public EntityName Name { get; }

    /// <summary>The character trigrams of the compact name with boundary marks, three UTF-16 units packed in one number, sorted and distinct.</summary>
    public long[] Trigrams { get; }

    public static NameFeatures Of(EntityName name)
    {
        var padded = "^" + name.Compact + "$";
        var set = new SortedSet<long>();
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            set.Add(padded[i] | ((long)padded[i + 1] << 16) | ((long)padded[i + 2] << 32));
        }

        return new NameFeatures(name, [.. set]);
    }

    /// <summary>The trigram texts (for blocking keys).</summary>
    public IEnumerable<string> TrigramTexts()
    {
        var padded = "^" + Name.Compact + "$";
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            yield return padded.Substring(i, 3);
        }
    }
}
