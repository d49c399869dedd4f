using EdcKg.Core.Domain;

namespace EdcKg.Core.Stages;

/// <summary>What schema canonicalization decided for each open triple of one document, and the relations it added.</summary>
public sealed record SchemaCanonicalizationOutput(IReadOnlyList<CanonicalizationDecision> Decisions, IReadOnlyList<SchemaRelation> AddedRelations);
