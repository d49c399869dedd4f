using System.Numerics;

namespace EdcKg.Core.Evaluation;

/// <summary>A value read from a Python literal (what <c>ast.literal_eval</c> returns), kept only as far as the scorer needs.</summary>
internal abstract record PyValue
{
    /// <summary>A <c>str</c>; <see cref="CodePoints"/> counts characters as Python does (astral characters count once).</summary>
    internal sealed record Str(string Value) : PyValue
    {
        public int CodePoints => Value.EnumerateRunes().Count();
    }

    /// <summary>A <c>bytes</c> value.</summary>
    internal sealed record Bytes(byte[] Value) : PyValue;

    /// <summary>An <c>int</c>.</summary>
    internal sealed record Int(BigInteger Value) : PyValue;

    /// <summary>A <c>float</c>.</summary>
    internal sealed record Float(double Value) : PyValue;

    /// <summary>A <c>complex</c>; only its kind matters to the scorer.</summary>
    internal sealed record Complex(double Real, double Imaginary) : PyValue;

    /// <summary><c>True</c> or <c>False</c>.</summary>
    internal sealed record Bool(bool Value) : PyValue;

    /// <summary><c>None</c> or <c>...</c>.</summary>
    internal sealed record Singleton(string Name) : PyValue;

    /// <summary>A list, tuple or set; a set keeps its first-seen order.</summary>
    internal sealed record Sequence(SequenceKind Kind, IReadOnlyList<PyValue> Items) : PyValue;

    /// <summary>A dict: its keys in insertion order (later duplicates replace the value, not the position).</summary>
    internal sealed record Dict(IReadOnlyList<PyValue> Keys) : PyValue;
}

/// <summary>The kind of a Python sequence literal.</summary>
internal enum SequenceKind
{
    List,
    Tuple,
    Set,
}
