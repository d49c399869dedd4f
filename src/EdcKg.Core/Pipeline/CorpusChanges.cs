using EdcKg.Core.Domain;

namespace EdcKg.Core.Pipeline;

/// <summary>
/// How a corpus read again differs from the one a run holds (<c>edckg run --update</c>): documents are matched by id
/// (a folder's relative path, a JSONL <c>id</c>, an EDC line number) and compared by content.
/// </summary>
/// <param name="Unchanged">Documents of the new corpus whose text is the stored one, with their stored index.</param>
/// <param name="Changed">Documents of the new corpus whose id is stored with another text, with their stored index.</param>
/// <param name="Added">Documents of the new corpus whose id the run does not hold.</param>
/// <param name="Removed">Stored documents whose id the new corpus no longer has.</param>
public sealed record CorpusChanges(
    IReadOnlyList<(int StoredIndex, Document Document)> Unchanged,
    IReadOnlyList<(int StoredIndex, Document Document)> Changed,
    IReadOnlyList<Document> Added,
    IReadOnlyList<Document> Removed)
{
    /// <summary>Whether anything differs (documents may also only have moved in corpus order).</summary>
    public bool Any => Changed.Count + Added.Count + Removed.Count > 0 || Unchanged.Any(u => u.StoredIndex != u.Document.Index);

    /// <summary>The ids of the stored documents whose outputs are no longer valid: changed and removed.</summary>
    public IReadOnlyList<string> StaleIds => [.. Changed.Select(c => c.Document.Id), .. Removed.Select(r => r.Id)];

    /// <summary>Classifies <paramref name="current"/> against <paramref name="stored"/>.</summary>
    public static CorpusChanges Between(IReadOnlyList<Document> stored, IReadOnlyList<Document> current)
    {
        var byId = stored.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var unchanged = new List<(int, Document)>();
        var changed = new List<(int, Document)>();
        var added = new List<Document>();
        foreach (var document in current)
        {
            if (!byId.TryGetValue(document.Id, out var before))
            {
                added.Add(document);
            }
            else if (string.Equals(before.Text, document.Text, StringComparison.Ordinal))
            {
                unchanged.Add((before.Index, document));
            }
            else
            {
                changed.Add((before.Index, document));
            }
        }

        var present = current.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        return new CorpusChanges(unchanged, changed, added, stored.Where(d => !present.Contains(d.Id)).ToList());
    }

    /// <inheritdoc/>
    public override string ToString()
        => $"{Unchanged.Count} unchanged, {Changed.Count} changed, {Added.Count} new, {Removed.Count} removed";
}
