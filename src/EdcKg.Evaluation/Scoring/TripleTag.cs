namespace EdcKg.Evaluation.Scoring;

/// <summary>The triple attributes that the scorer reports separately, in report order.</summary>
public enum TripleTag
{
    /// <summary>The subject ("SUB").</summary>
    Subject,

    /// <summary>The predicate ("PRED").</summary>
    Predicate,

    /// <summary>The object ("OBJ").</summary>
    Object,
}
