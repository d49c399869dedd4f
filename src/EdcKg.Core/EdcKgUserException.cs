namespace EdcKg.Core;

/// <summary>
/// The base of every error the user can fix: a bad option value, an input file that cannot be read, a run folder
/// that belongs to another run. The message names the option, file or line. Commands map it (and only it) to
/// "bad input" (exit code 2); any other exception is a bug or a failure outside the input.
/// </summary>
public class EdcKgUserException : Exception
{
    /// <summary>Creates the exception with a message that names what to fix.</summary>
    public EdcKgUserException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
