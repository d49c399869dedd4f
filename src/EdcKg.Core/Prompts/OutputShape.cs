namespace EdcKg.Core.Prompts;

/// <summary>The form a stage expects its answer in. Backends that can constrain decoding use it.</summary>
public abstract record OutputShape;

/// <summary>A Python-style list of string triples: <c>[['s', 'r', 'o'], ['s2', 'r2', 'o2']]</c> (possibly empty).</summary>
public sealed record TripleListShape : OutputShape;

/// <summary>One line <c>relation: definition</c> for each of <paramref name="Relations"/>, in that order.</summary>
public sealed record RelationDefinitionsShape(IReadOnlyList<string> Relations) : OutputShape;

/// <summary>Exactly one of <paramref name="Letters"/> (such as A, B, C, and the letter of "None of the above").</summary>
public sealed record ChoiceShape(IReadOnlyList<string> Letters) : OutputShape;

/// <summary>A Python-style list of strings: <c>['entity one', 'entity two']</c> (possibly empty).</summary>
public sealed record EntityListShape : OutputShape;
