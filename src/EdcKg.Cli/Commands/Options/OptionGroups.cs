using System.CommandLine;

namespace EdcKg.Cli.Commands.Options;

/// <summary>Adding option groups to commands.</summary>
internal static class OptionGroups
{
    /// <summary>Adds the options of every group to <paramref name="command"/>.</summary>
    public static Command Add(this Command command, params IOptionGroup[] groups)
    {
        foreach (var option in groups.SelectMany(g => g.Options))
        {
            command.Options.Add(option);
        }

        return command;
    }
}
