namespace EdcKg.Cli.ModelResolution;

/// <summary>
/// A model option names something that cannot be opened (missing, of an unknown kind, or refused by its backend);
/// the message starts with the option or setting that named it. A user error: the command exits with code 2.
/// </summary>
public sealed class ModelOpenException : EdcKg.Core.EdcKgUserException
{
    /// <summary>Creates the exception for the value of <paramref name="option"/>.</summary>
    public ModelOpenException(string option, string message, Exception? innerException = null)
        : base(message.StartsWith(option, StringComparison.Ordinal) ? message : $"{option}: {message}", innerException)
    {
        Option = option;
    }

    /// <summary>The option or setting that named the model, e.g. <c>--sc-embedder</c> or <c>sc_embedder</c>.</summary>
    public string Option { get; }
}
