namespace EdcKg.Core.Inputs;

/// <summary>An input file that cannot be used; the message names the file and, where it can, the line.</summary>
public sealed class InputException(string message) : EdcKgUserException(message);
