using EdcKg.Core.Domain;
using EdcKg.Core.Stages;

namespace EdcKg.Core.Pipeline;

/// <summary>Everything one iteration produced for one document.</summary>
public sealed record DocumentResult(
    Document Document,
    int Iteration,
    RefinementHint? Hint,
    OpenExtractionOutput OpenExtraction,
    SchemaDefinitionOutput SchemaDefinition,
    SchemaCanonicalizationOutput SchemaCanonicalization)
{
    /// <summary>The document's chunks with the open triples read in each; empty for a result made without chunks.</summary>
    public IReadOnlyList<Chunking.ChunkTrace> Chunks { get; init; } = [];

    /// <summary>The canonical triples (dropped ones left out), with provenance: the chunks and spans each was read in.</summary>
    public IEnumerable<CanonicalTriple> CanonicalTriples() => Chunking.ChunkMerge.WithProvenance(SchemaCanonicalization.CanonicalTriples(Document, Iteration), Chunks);
}
