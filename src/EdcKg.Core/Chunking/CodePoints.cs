namespace EdcKg.Core.Chunking;

/// <summary>Converts .NET string offsets (UTF-16 code units) into Unicode code point offsets, as Python counts them.</summary>
public static class CodePoints
{
    /// <summary>The code points in <paramref name="text"/> before UTF-16 offset <paramref name="utf16Offset"/>.</summary>
    public static int Offset(ReadOnlySpan<char> text, int utf16Offset)
    {
        var offset = utf16Offset;
        for (var i = 1; i < utf16Offset; i++)
        {
            // A pair of surrogates is one code point: count the pair once by not counting its low half.
            if (char.IsLowSurrogate(text[i]) && char.IsHighSurrogate(text[i - 1]))
            {
                offset--;
            }
        }

        return offset;
    }

    /// <summary>The code points of <paramref name="text"/>.</summary>
    public static int Length(ReadOnlySpan<char> text) => Offset(text, text.Length);
}
