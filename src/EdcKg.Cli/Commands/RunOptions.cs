using System.CommandLine;
using EdcKg.Cli.Commands.Options;

namespace EdcKg.Cli.Commands;

/// <summary>
/// The option groups of <c>edckg run</c> (EDC's run.py options in kebab-case, then ours), and the record they bind
/// to. <c>merge</c> takes the same groups but the input and Neo4j ones. To add an option, add it to its group and
/// its record; to add a group, declare it here, in <see cref="Groups"/> and in <see cref="RunRequest"/>.
/// </summary>
internal sealed class RunOptions
{
    public InputOptions Input { get; } = new();

    public ModelOptionGroup Models { get; } = new();

    public EdcOptions Edc { get; } = new();

    public PromptOptions Prompts { get; } = new();

    public OutputOptions Output { get; } = new();

    public RemoteOptionGroup Remote { get; } = new();

    public LoggingOptions Logging { get; } = new();

    public Neo4jOptions Neo4j { get; } = new(uriRequired: false);

    public EntityResolutionOptions Entities { get; } = new();

    /// <summary>Every group, in the order help lists them.</summary>
    public IOptionGroup[] Groups => [Input, Models, Edc, Prompts, Output, Remote, Logging, Neo4j, Entities];

    /// <summary>The record of a parsed command line; <paramref name="withInput"/> false for commands without the input group.</summary>
    public RunRequest Bind(ParseResult result, bool withInput = true)
        => new(
            withInput ? Input.Bind(result) : null,
            Models.Bind(result),
            Edc.Bind(result),
            Prompts.Bind(result),
            Output.Bind(result),
            Remote.Bind(result),
            Logging.Bind(result),
            withInput ? Neo4j.Bind(result) : null,
            withInput ? Entities.Bind(result) : null);
}
