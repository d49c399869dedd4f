using EdcKg.Core.Chunking;

namespace EdcKg.Core.Domain;

/// <summary>Everything an exporter needs from a (finished or partial) run: the documents, the schema and the
/// canonical triples of the last finished iteration of every document.</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="Documents">The corpus.</param>
/// <param name="Relations">The schema.</param>
/// <param name="Triples">The canonical triples of every canonicalized document's last finished iteration.</param>
/// <param name="Superseded">
/// The documents whose final triples come from a refinement iteration, with the subjects of their earlier
/// iterations' triples, so that an exporter can retire what an export made before the refinement wrote.
/// </param>
/// <param name="Entities">
/// The resolved entities of the last resolved iteration, when entities were resolved; the triples of that iteration
/// then carry their subject's and object's entity ids.
/// </param>
public sealed record RunSnapshot(
    string RunId,
    IReadOnlyList<Document> Documents,
    IReadOnlyList<SchemaRelation> Relations,
    IReadOnlyList<CanonicalTriple> Triples,
    IReadOnlyList<SupersededTriples>? Superseded = null,
    Entities.ResolvedEntities? Entities = null)
{
    /// <summary>The documents reviewers' corrections touched, so an exporter can retire what it wrote before them.</summary>
    public IReadOnlyList<CorrectedTriples> Corrected { get; init; } = [];

    /// <summary>The chunks of the documents, in corpus order; empty when the run did not record chunks.</summary>
    public IReadOnlyList<Chunk> Chunks { get; init; } = [];
}
