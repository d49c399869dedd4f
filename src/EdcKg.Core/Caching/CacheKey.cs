using System.Security.Cryptography;
using System.Text;

namespace EdcKg.Core.Caching;

/// <summary>SHA-256 keys over length-prefixed parts, so that no two different part lists share a key.</summary>
internal static class CacheKey
{
    public static byte[] Of(params string[] parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach (var part in parts)
        {
            var bytes = Encoding.UTF8.GetBytes(part);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }

        return hash.GetHashAndReset();
    }
}
