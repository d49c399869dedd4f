using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Storage;

namespace EdcKg.Core.Stages;

/// <summary>
/// Self-canonicalization: a relation that no schema relation replaced joins the schema with its definition, indexed
/// by the query embedding of that definition (as EDC indexes enriched relations), so later triples align to it.
/// </summary>
public sealed class SelfCanonicalization : IStage<SelfCanonicalizationInput, SelfCanonicalizationOutput>
{
    /// <inheritdoc />
    public string Name => StageName.SelfCanonicalization;

    /// <summary>Adds the open relation of the dropped triple to the schema and keeps the triple.</summary>
    public Task<SelfCanonicalizationOutput> InvokeAsync(SelfCanonicalizationInput input, CancellationToken cancellationToken)
        => Task.FromResult(Enrich(input));

    /// <summary>The same as <see cref="InvokeAsync"/>, which never waits.</summary>
    public static SelfCanonicalizationOutput Enrich(SelfCanonicalizationInput input)
    {
        var dropped = input.Dropped;
        var added = new SchemaRelation(dropped.OpenTriple.Relation, input.Definition, RelationOrigin.Induced);
        input.Schema.Add(added, input.DefinitionEmbedding.Span);
        return new SelfCanonicalizationOutput(dropped with { Kind = DecisionKind.AddedToSchema, Result = dropped.OpenTriple }, added);
    }
}
