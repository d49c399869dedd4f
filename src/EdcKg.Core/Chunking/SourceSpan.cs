namespace EdcKg.Core.Chunking;

/// <summary>A range <c>[Start, End)</c> of a document's text in Unicode code points (Python's <c>text[start:end]</c>).</summary>
public readonly record struct SourceSpan(int Start, int End)
{
    /// <summary>The code points in the range.</summary>
    public int Length => End - Start;
}
