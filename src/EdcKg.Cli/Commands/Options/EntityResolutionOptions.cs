using System.CommandLine;
using System.Globalization;
using EdcKg.Core.Entities;
using EdcKg.Core.Pipeline;

namespace EdcKg.Cli.Commands.Options;

/// <summary>
/// Entity resolution on <c>edckg run</c> (and in <c>edckg.json</c> under the same names): <c>--resolve-entities</c>,
/// its models (default: the canonicalization LLM and embedder, by EDC's fallback rule) and its top-k; bound to
/// <see cref="EntityResolutionChoice"/> (null when resolution is off).
/// </summary>
internal sealed class EntityResolutionOptions : IOptionGroup<EntityResolutionChoice?>
{
    public Option<bool> ResolveEntities { get; } = new("--resolve-entities") { Description = "After canonicalization of each iteration, resolve the entity mentions into entities (entities.jsonl, entity ids in triples.jsonl, one Neo4j node per entity)." };

    public Option<string?> ErLlm { get; } = new(ModelRole.EntityResolution.OptionName()) { Description = "Model that decides entity merges (default: --sc-llm)." };

    public Option<string?> ErEmbedder { get; } = new(ModelRole.EntityResolutionEmbedder.OptionName()) { Description = "Embedding model of entity names in their sentence, for merge candidates (default: --sc-embedder)." };

    public Option<int> ErTopK { get; } = new Option<int>("--er-top-k") { Description = "Candidate entities offered to the model per mention (at most 25).", DefaultValueFactory = _ => 5 }
        .Rule(v => v is < 1 or > 25 ? string.Create(CultureInfo.InvariantCulture, $"must be between 1 and 25 (got {v}).") : null);

    public IEnumerable<Option> Options => [ResolveEntities, ErLlm, ErEmbedder, ErTopK];

    public EntityResolutionChoice? Bind(ParseResult result)
    {
        if (!result.GetValue(ResolveEntities))
        {
            return null;
        }

        var given = new Dictionary<ModelRole, string>();
        if (result.GetValue(ErLlm) is { Length: > 0 } llm)
        {
            given[ModelRole.EntityResolution] = llm;
        }

        if (result.GetValue(ErEmbedder) is { Length: > 0 } embedder)
        {
            given[ModelRole.EntityResolutionEmbedder] = embedder;
        }

        return new EntityResolutionChoice(new EntityResolutionSettings { TopK = result.GetValue(ErTopK) }, given);
    }
}
