using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Stages;

namespace EdcKg.Core.Corrections;

/// <summary>What the run store holds of one iteration: each stage's output by document index (a document missing
/// from a stage has not been done, or failed).</summary>
/// <param name="Iteration">The iteration.</param>
/// <param name="Documents">The corpus.</param>
/// <param name="Hints">Refinement hints (iterations k ≥ 1).</param>
/// <param name="OpenExtraction">Open extraction outputs.</param>
/// <param name="SchemaDefinition">Schema definition outputs.</param>
/// <param name="SchemaCanonicalization">Schema canonicalization outputs, as the pipeline decided (uncorrected).</param>
public sealed record StoredIteration(
    int Iteration,
    IReadOnlyList<Document> Documents,
    IReadOnlyDictionary<int, RefinementHintOutput> Hints,
    IReadOnlyDictionary<int, OpenExtractionOutput> OpenExtraction,
    IReadOnlyDictionary<int, SchemaDefinitionOutput> SchemaDefinition,
    IReadOnlyDictionary<int, SchemaCanonicalizationOutput> SchemaCanonicalization)
{
    /// <summary>Whether every document went through every stage, so the iteration's output files exist.</summary>
    public bool IsComplete => Documents.All(d =>
        OpenExtraction.ContainsKey(d.Index) && SchemaDefinition.ContainsKey(d.Index) && SchemaCanonicalization.ContainsKey(d.Index));

    /// <summary>The results of a complete iteration in corpus order, as the pipeline hands them to the output writer.</summary>
    public IReadOnlyList<DocumentResult> Results()
        => Documents.Select(d => new DocumentResult(
            d, Iteration, Hints.GetValueOrDefault(d.Index)?.Hint, OpenExtraction[d.Index], SchemaDefinition[d.Index], SchemaCanonicalization[d.Index])
        {
            Chunks = Chunks.GetValueOrDefault(d.Index) ?? [],
        }).ToList();

    /// <summary>Each document's chunks with the open triples read in each, for the triples' provenance.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<Chunking.ChunkTrace>> Chunks { get; init; } = new Dictionary<int, IReadOnlyList<Chunking.ChunkTrace>>();
}
