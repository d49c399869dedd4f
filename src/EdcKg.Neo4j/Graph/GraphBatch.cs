using EdcKg.Core.Domain;

namespace EdcKg.Neo4j.Graph;

/// <summary>
/// Something to write: canonical triples of a run with the documents and schema relations they need. Writing the
/// same batch again changes nothing.
/// </summary>
/// <param name="RunId">The run the triples belong to.</param>
/// <param name="Documents">Document nodes to merge.</param>
/// <param name="Relations">Schema relation nodes to merge.</param>
/// <param name="Triples">Canonical triples to merge as relationships.</param>
/// <param name="FinalIterations">
/// For documents whose triples here supersede an earlier iteration's (by document id), that iteration: the run's
/// relationships of those documents from earlier iterations are deleted, so the graph holds each document's final
/// triples only, however many iterations were exported along the way.
/// </param>
public sealed record GraphBatch(
    string RunId,
    IReadOnlyList<Document> Documents,
    IReadOnlyList<SchemaRelation> Relations,
    IReadOnlyList<CanonicalTriple> Triples,
    IReadOnlyDictionary<string, int>? FinalIterations = null)
{
    /// <summary>All of a run's snapshot as one batch.</summary>
    public static GraphBatch Of(RunSnapshot snapshot) => new(
        snapshot.RunId,
        snapshot.Documents,
        snapshot.Relations,
        snapshot.Triples,
        FinalIterationsById(snapshot, snapshot.Documents));

    /// <summary>The final iterations of <paramref name="documents"/> in <paramref name="snapshot"/>, by document id.</summary>
    public static IReadOnlyDictionary<string, int> FinalIterationsById(RunSnapshot snapshot, IEnumerable<Document> documents)
    {
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            if (snapshot.FinalIterations?.TryGetValue(document.Index, out var iteration) == true)
            {
                byId[document.Id] = iteration;
            }
        }

        return byId;
    }

    /// <summary>The rows of <see cref="GraphStatements.SupersededRelationships"/>: documents past iteration 0.</summary>
    public IEnumerable<IReadOnlyDictionary<string, object?>> SupersedingRows() =>
        (FinalIterations ?? new Dictionary<string, int>())
            .Where(p => p.Value > 0)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["runId"] = RunId, ["documentId"] = p.Key, ["iteration"] = p.Value });
}
