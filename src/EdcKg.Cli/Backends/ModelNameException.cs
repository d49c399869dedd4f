namespace EdcKg.Cli.Backends;

/// <summary>A model option names something that cannot be opened; the message names the option.</summary>
public sealed class ModelNameException(string message) : Exception(message);
