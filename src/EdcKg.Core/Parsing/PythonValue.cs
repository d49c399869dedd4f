namespace EdcKg.Core.Parsing;

/// <summary>A value of the Python literal subset that LLM answers and EDC files use.</summary>
public abstract record PythonValue;

/// <summary>A Python <c>str</c>.</summary>
public sealed record PythonString(string Value) : PythonValue;

/// <summary>A Python <c>list</c> or <c>tuple</c>.</summary>
public sealed record PythonSequence(IReadOnlyList<PythonValue> Items, bool IsTuple) : PythonValue;

/// <summary>Any other scalar literal (number, <c>True</c>, <c>False</c>, <c>None</c>), kept as written.</summary>
public sealed record PythonScalar(string Text) : PythonValue;

/// <summary>A Python <c>dict</c> or <c>set</c> literal, kept only so that parsing does not fail on one.</summary>
public sealed record PythonOther(string Kind) : PythonValue;
