namespace EdcKg.Evaluation.Scoring;

/// <summary>
/// Raised where EDC's own evaluation script would stop with an exception, so that no number is reported that the
/// reference could not have produced. The message says what the reference trips over.
/// </summary>
public sealed class ReferenceScorerFailureException : EdcKg.Core.EdcKgUserException
{
    /// <summary>Creates the exception with a message that names the cause.</summary>
    public ReferenceScorerFailureException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public ReferenceScorerFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public ReferenceScorerFailureException()
        : base("the reference evaluation script fails on this input")
    {
    }
}
