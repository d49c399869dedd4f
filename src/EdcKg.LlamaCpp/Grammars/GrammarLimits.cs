namespace EdcKg.LlamaCpp.Grammars;

/// <summary>
/// Upper bounds written into the output grammars, so that even a model that never closes a string or a list
/// finishes with a parseable answer within a known number of characters.
/// </summary>
public sealed record GrammarLimits
{
    /// <summary>Most triples in a triple list, or entities in an entity list.</summary>
    public int MaxItems { get; init; } = 64;

    /// <summary>
    /// Fewest triples in a triple list, or entities in an entity list (0: an empty list is allowed). Benchmarks on
    /// random-weight models raise it so that answers have the size of a real model's instead of an empty list.
    /// </summary>
    public int MinItems { get; init; }

    /// <summary>Most characters in one quoted string (an entity or a relation).</summary>
    public int MaxStringLength { get; init; } = 120;

    /// <summary>Most characters in one relation definition.</summary>
    public int MaxDefinitionLength { get; init; } = 400;
}
