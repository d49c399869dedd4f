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

    /// <summary>The UTF-16 offset in <paramref name="text"/> of code point <paramref name="codePointOffset"/> (the length when past the end).</summary>
    public static int Utf16Offset(ReadOnlySpan<char> text, int codePointOffset)
    {
        var points = 0;
        var i = 0;
        while (i < text.Length && points < codePointOffset)
        {
            i += i + 1 < text.Length && char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            points++;
        }

        return i;
    }

    /// <summary>The chunk <paramref name="index"/> of <paramref name="document"/> over code points <c>[start, end)</c>, its text cut from the document's.</summary>
    public static Chunk ChunkOf(Domain.Document document, int index, int start, int end)
    {
        var from = Utf16Offset(document.Text, start);
        var to = from + Utf16Offset(document.Text.AsSpan(from), end - start);
        return new Chunk(document.Index, document.Id, index, start, end, document.Text[from..to]);
    }
}
