using System.Security.Cryptography;
using System.Text;
using EdcKg.Core.Domain;

namespace EdcKg.Review.Model;

/// <summary>
/// The id an entity has in the review API: a short hash of its <see cref="EntityKey"/>, so ids are URL-safe, the same
/// in every process, and the same for "Barack  Obama" and "barack obama".
/// </summary>
internal static class EntityIds
{
    public static string Of(string name) => OfKey(EntityKey.Of(name));

    public static string OfKey(string key)
        => "e" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 8));
}
