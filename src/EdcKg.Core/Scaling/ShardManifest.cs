using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EdcKg.Core.Domain;

namespace EdcKg.Core.Scaling;

/// <summary>The manifest entries of a sharded run, which <see cref="ShardMerge"/> checks before it combines shards.</summary>
public static class ShardManifest
{
    /// <summary>The shard <c>i/N</c>; it shapes what a run's folder holds, so a folder resumes only the same shard.</summary>
    public const string Shard = "option.shard";

    /// <summary>The number of documents of the whole corpus the shard was cut from.</summary>
    public const string CorpusDocuments = "info.shard.corpus_documents";

    /// <summary>The hash of the whole corpus the shard was cut from (the merged shards must give it back).</summary>
    public const string CorpusSha256 = "info.shard.corpus_sha256";

    /// <summary>The entries a run of <paramref name="shard"/> over <paramref name="fullCorpus"/> adds to its manifest.</summary>
    public static Dictionary<string, string> EntriesFor(ShardSpec shard, IReadOnlyList<Document> fullCorpus) => new(StringComparer.Ordinal)
    {
        [Shard] = shard.ToString(),
        [CorpusDocuments] = fullCorpus.Count.ToString(CultureInfo.InvariantCulture),
        [CorpusSha256] = HashOf(fullCorpus),
    };

    /// <summary>A hash over the ids and texts of <paramref name="corpus"/> in corpus order.</summary>
    public static string HashOf(IEnumerable<Document> corpus)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var document in corpus)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(document.Id + "\u0001" + document.Text));
            hash.AppendData([0]);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The entries that must agree between the shards and the merged run: all but the corpus, shard and info entries.</summary>
    public static Dictionary<string, string> Shaping(IReadOnlyDictionary<string, string> manifest)
        => manifest
            .Where(p => p.Key != Shard && !p.Key.StartsWith("corpus.", StringComparison.Ordinal) && !p.Key.StartsWith("info.", StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
