using EdcKg.Cli.Commands.Options;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Neo4j.QueryApi;
using Microsoft.Extensions.Logging;
using RemoteSettings = EdcKg.OpenAi.RemoteOptions;

namespace EdcKg.Cli.Commands;

/// <summary>Everything a run was asked to do, bound from its options (and <c>edckg.json</c>).</summary>
/// <param name="Input">The corpus, target schema and shard (null for <c>merge</c>, whose corpus comes from the shards).</param>
/// <param name="Models">The models given for each role, and where default models live.</param>
/// <param name="Settings">EDC's method settings.</param>
/// <param name="Prompts">Where the prompt files come from.</param>
/// <param name="Output">The output folder and token prices.</param>
/// <param name="Remote">How to reach served models.</param>
/// <param name="LogLevel">How much to log.</param>
/// <param name="Neo4j">The Neo4j server to write the graph to as documents finish, or null.</param>
/// <param name="Entities">Entity resolution after canonicalization, or null when it is off.</param>
internal sealed record RunRequest(
    RunInput? Input,
    ModelChoice Models,
    EdcSettings Settings,
    PromptSources Prompts,
    RunOutput Output,
    RemoteSettings Remote,
    LogLevel LogLevel,
    Neo4jSettings? Neo4j,
    EntityResolutionChoice? Entities = null);

