using EdcKg.Core;

namespace EdcKg.Cli;

/// <summary>A command-line option has a value that cannot be used; the message starts with the option's name.</summary>
public sealed class OptionValueException : EdcKgUserException
{
    /// <summary>Creates the exception for <paramref name="option"/>.</summary>
    public OptionValueException(string option, string message, Exception? innerException = null)
        : base(message.StartsWith(option, StringComparison.Ordinal) ? message : $"{option}: {message}", innerException)
    {
        Option = option;
    }

    /// <summary>The option, e.g. <c>--sc-embedder</c>.</summary>
    public string Option { get; }
}
