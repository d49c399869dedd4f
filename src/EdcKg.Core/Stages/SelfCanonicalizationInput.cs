using EdcKg.Core.Domain;
using EdcKg.Core.Retrieval;

namespace EdcKg.Core.Stages;

/// <summary>What self-canonicalization needs for one triple that target alignment dropped.</summary>
/// <param name="Dropped">The decision of target alignment (no schema relation replaced the open one).</param>
/// <param name="Definition">The open relation's definition.</param>
/// <param name="DefinitionEmbedding">The query embedding of that definition, with which the relation is indexed.</param>
/// <param name="Schema">The schema it joins.</param>
public sealed record SelfCanonicalizationInput(CanonicalizationDecision Dropped, string Definition, ReadOnlyMemory<float> DefinitionEmbedding, CanonicalSchema Schema);
