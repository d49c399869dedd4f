using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EdcKg.Core.Domain;

namespace EdcKg.Core.Scaling;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/>: a worker that processes only the documents whose id hashes to
/// it. The assignment is the first 8 bytes of the SHA-256 of the UTF-8 id, big-endian, modulo <see cref="Count"/>:
/// it depends on the id alone, so it is the same on every machine and whatever order or set of documents a corpus
/// file lists.
/// </summary>
public sealed record ShardSpec
{
    /// <summary>Creates shard <paramref name="index"/> of <paramref name="count"/>.</summary>
    public ShardSpec(int index, int count)
    {
        if (count < 1 || index < 0 || index >= count)
        {
            throw new ArgumentException($"--shard: '{index}/{count}' is not a shard: the form is i/N with N ≥ 1 and 0 ≤ i < N.");
        }

        Index = index;
        Count = count;
    }

    /// <summary>The shard's number, from 0.</summary>
    public int Index { get; }

    /// <summary>The number of shards.</summary>
    public int Count { get; }

    /// <summary>Parses <c>i/N</c> (as <c>--shard</c> takes it); the message names the option.</summary>
    public static ShardSpec Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new ArgumentException($"--shard: '{text}' is not of the form i/N (such as 0/4: the first of four shards).");
        }

        return new ShardSpec(index, count);
    }

    /// <summary>The shard (0 … <paramref name="count"/> − 1) that document <paramref name="id"/> belongs to.</summary>
    public static int ShardOf(string id, int count)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(id), hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)count);
    }

    /// <summary>Whether <paramref name="document"/> belongs to this shard.</summary>
    public bool Contains(Document document) => ShardOf(document.Id, Count) == Index;

    /// <summary>This shard's documents of <paramref name="corpus"/>, keeping their corpus positions.</summary>
    public IReadOnlyList<Document> Select(IReadOnlyList<Document> corpus) => corpus.Where(Contains).ToList();

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
