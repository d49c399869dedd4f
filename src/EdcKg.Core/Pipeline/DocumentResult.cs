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
    /// <summary>The canonical triples (dropped ones left out), with provenance.</summary>
    public IEnumerable<CanonicalTriple> CanonicalTriples() => SchemaCanonicalization.CanonicalTriples(Document, Iteration);
}
