namespace EdcKg.Review.Model;

/// <summary>
/// Finds a mention of an entity in a document's text for the document view when the run recorded no span for it
/// (runs made before spans were recorded): the first case-insensitive occurrence, then with underscores read as
/// spaces. Offsets are UTF-16 code units, as the page's script counts them. Never invents a span.
/// </summary>
internal static class SpanLocator
{
    public static (int Start, int End)? Locate(string text, string mention)
    {
        if (mention.Length == 0)
        {
            return null;
        }

        var at = text.IndexOf(mention, StringComparison.OrdinalIgnoreCase);
        if (at < 0 && mention.Contains('_', StringComparison.Ordinal))
        {
            at = text.IndexOf(mention.Replace('_', ' '), StringComparison.OrdinalIgnoreCase);
        }

        return at < 0 ? null : (at, at + mention.Length);
    }

    /// <summary>The UTF-16 offset of code point <paramref name="codePoint"/> of <paramref name="text"/> (spans are stored in code points).</summary>
    public static int Utf16Offset(string text, int codePoint)
    {
        var offset = 0;
        for (var i = 0; i < codePoint && offset < text.Length; i++)
        {
            offset += char.IsHighSurrogate(text[offset]) && offset + 1 < text.Length ? 2 : 1;
        }

        return offset;
    }
}
