using System.CommandLine;

namespace EdcKg.Cli.Commands.Options;

/// <summary>
/// Options declared once and shared by the commands that take them (with their validators), bound to one record.
/// A command adds a group with <see cref="OptionGroups.Add"/> and reads the record with <see cref="IOptionGroup{T}.Bind"/>.
/// </summary>
internal interface IOptionGroup
{
    /// <summary>The group's options, in the order help lists them.</summary>
    IEnumerable<Option> Options { get; }
}

/// <summary>An option group bound to the record <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The record the command works with.</typeparam>
internal interface IOptionGroup<out T> : IOptionGroup
{
    /// <summary>
    /// The record of a parsed command line (option values, else <c>edckg.json</c>'s, else the defaults).
    /// Rules that span several options are checked here and fail with an <see cref="OptionValueException"/>.
    /// </summary>
    T Bind(ParseResult result);
}
