using System.Text;

namespace EdcKg.Core.Inputs;

/// <summary>Reads text files as strict UTF-8 so that undecodable bytes are reported with their line, not replaced.</summary>
public static class StrictText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the whole file; a byte-order mark is skipped.</summary>
    public static string ReadFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return Decode(bytes, path);
    }

    /// <summary>Decodes <paramref name="bytes"/>; <paramref name="source"/> names them in the error.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var offset = Math.Max(0, e.Index);
            var prefix = bytes[..Math.Min(offset, bytes.Length)];
            var line = 1 + prefix.Count((byte)'\n');
            throw new InputException($"{source}:{line}: the file is not valid UTF-8 (undecodable byte at offset {offset}).");
        }
    }
}
