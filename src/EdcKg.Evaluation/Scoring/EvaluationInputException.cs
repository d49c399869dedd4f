namespace EdcKg.Evaluation.Scoring;

/// <summary>A prediction or reference file that cannot be scored; the message names the file and line.</summary>
public sealed class EvaluationInputException : EdcKg.Core.EdcKgUserException
{
    /// <summary>Creates the exception with a message naming the file and line.</summary>
    public EvaluationInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public EvaluationInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public EvaluationInputException()
        : base("the evaluation input is invalid")
    {
    }
}
