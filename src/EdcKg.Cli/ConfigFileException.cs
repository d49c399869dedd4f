using EdcKg.Core;

namespace EdcKg.Cli;

/// <summary>A configuration file that cannot be used; the message names the file.</summary>
public sealed class ConfigFileException(string message) : EdcKgUserException(message);
