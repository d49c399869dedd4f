namespace EdcKg.Evaluation.Scoring;

/// <summary>The four nervaluate schemes, in the order the reference report prints them.</summary>
public enum EvaluationScheme
{
    /// <summary>Some overlap and the right type.</summary>
    EntType,

    /// <summary>Some overlap, type ignored; a partial overlap counts half.</summary>
    Partial,

    /// <summary>Exact boundaries and the right type.</summary>
    Strict,

    /// <summary>Exact boundaries, type ignored.</summary>
    Exact,
}
