using System.Security.Cryptography;
using System.Text;

namespace EdcKg.Core.Inputs;

/// <summary>The SHA-256 of a text's UTF-8 bytes in lower-case hex: what tells a changed document or chunk from an unchanged one.</summary>
public static class ContentHash
{
    /// <summary>The hash of <paramref name="text"/>.</summary>
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
