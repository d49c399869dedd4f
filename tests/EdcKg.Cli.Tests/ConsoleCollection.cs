namespace EdcKg.Cli.Tests;

/// <summary>Tests that replace the process's console writers run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Process console";
}
