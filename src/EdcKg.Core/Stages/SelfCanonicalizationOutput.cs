using EdcKg.Core.Domain;

namespace EdcKg.Core.Stages;

/// <summary>What self-canonicalization decided for one triple.</summary>
/// <param name="Decision">The triple kept with its open relation.</param>
/// <param name="Added">The relation that joined the schema.</param>
public sealed record SelfCanonicalizationOutput(CanonicalizationDecision Decision, SchemaRelation Added);
