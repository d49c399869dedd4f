using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Stages;

namespace EdcKg.Core.Corrections;

/// <summary>
/// The active corrections of a run, ready to apply to canonicalization outputs. Relation corrections replace the
/// decision they name (the latest one wins, so undoing it brings back the one before); entity corrections then
/// rename the subjects and objects of the resulting triples, in the order they were made, so chains of merges
/// resolve. Applying is pure: the stored outputs never change, every output is written through this.
/// </summary>
public sealed class CorrectionSet
{
    private readonly Dictionary<(string DocumentId, int Iteration, Triple OpenTriple), Correction> relationCorrections = [];
    private readonly List<(string Key, Correction Correction)> entityCorrections = [];
    private readonly HashSet<string> touchedDocuments = new(StringComparer.Ordinal);
    private readonly HashSet<string> entityKeysEver = new(StringComparer.Ordinal);
    private readonly List<string> namesEver = [];

    /// <summary>Keeps the active ones of <paramref name="corrections"/>.</summary>
    public CorrectionSet(IEnumerable<Correction> corrections)
    {
        var all = corrections.OrderBy(c => c.Id).ToList();
        foreach (var correction in all)
        {
            // Undone corrections count too: what they once changed may still be in a graph written meanwhile.
            if (correction.IsRelationCorrection && correction.DocumentId is { } touched)
            {
                touchedDocuments.Add(touched);
            }
            else if (!correction.IsRelationCorrection)
            {
                foreach (var name in new[] { correction.Entity, correction.NewName }.OfType<string>())
                {
                    entityKeysEver.Add(EntityKey.Of(name));
                    namesEver.Add(name);
                }
            }
        }

        foreach (var correction in all.Where(c => c.IsActive))
        {
            if (correction.IsRelationCorrection)
            {
                if (correction is { DocumentId: { } document, Iteration: { } iteration, OpenTriple: { } triple })
                {
                    relationCorrections[(document, iteration, triple)] = correction;
                }
            }
            else if (correction is { Entity: { } entity, NewName: { } newName } && newName.Length > 0)
            {
                entityCorrections.Add((EntityKey.Of(entity), correction));
            }
        }
    }

    /// <summary>
    /// The active splits, as (document id, the name split off, the new name), in the order they were made: entity
    /// resolution keeps each new name apart from the entity it was split from.
    /// </summary>
    public IEnumerable<(string DocumentId, string Entity, string NewName)> EntitySplits
        => entityCorrections.Where(e => e.Correction is { Kind: CorrectionKind.SplitEntity, DocumentId: not null })
            .Select(e => (e.Correction.DocumentId!, e.Correction.Entity!, e.Correction.NewName!));

    /// <summary>No corrections at all.</summary>
    public static CorrectionSet Empty { get; } = new([]);

    /// <summary>Whether there is nothing to apply.</summary>
    public bool IsEmpty => relationCorrections.Count == 0 && entityCorrections.Count == 0;

    /// <summary>The active corrections of the run store file <paramref name="storePath"/>.</summary>
    public static async Task<CorrectionSet> LoadAsync(string storePath, CancellationToken cancellationToken = default)
    {
        using var store = CorrectionStore.Open(storePath);
        return new CorrectionSet(await store.LoadAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Whether no correction was ever made (undone ones included).</summary>
    public bool NeverCorrected => touchedDocuments.Count == 0 && entityKeysEver.Count == 0;

    /// <summary>
    /// What a graph written before any of the corrections needs for <paramref name="document"/>: null when no
    /// correction, active or undone, ever touched its triples.
    /// </summary>
    public CorrectedTriples? Footprint(Document document, int iteration, SchemaCanonicalizationOutput output)
    {
        if (NeverCorrected)
        {
            return null;
        }

        var raw = output.CanonicalTriples(document, iteration).Select(t => t.Triple).ToList();
        var current = Apply(document, iteration, output).CanonicalTriples(document, iteration).Select(t => t.Triple).ToList();
        var touched = touchedDocuments.Contains(document.Id)
            || raw.Concat(current).Any(t => entityKeysEver.Contains(EntityKey.Of(t.Subject)) || entityKeysEver.Contains(EntityKey.Of(t.Object)));
        if (!touched)
        {
            return null;
        }

        var subjects = raw.Concat(current).Select(t => t.Subject).Concat(namesEver).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new CorrectedTriples(document.Id, document.Index, iteration, subjects);
    }

    /// <summary>The results with their canonicalization corrected.</summary>
    public IReadOnlyList<DocumentResult> Apply(IReadOnlyList<DocumentResult> results)
        => IsEmpty ? results : results.Select(r => r with { SchemaCanonicalization = Apply(r.Document, r.Iteration, r.SchemaCanonicalization) }).ToList();

    /// <summary>The canonicalization of <paramref name="document"/> in <paramref name="iteration"/>, corrected.</summary>
    public SchemaCanonicalizationOutput Apply(Document document, int iteration, SchemaCanonicalizationOutput output)
    {
        if (IsEmpty)
        {
            return output;
        }

        var changed = false;
        var decisions = new List<CanonicalizationDecision>(output.Decisions.Count);
        foreach (var decision in output.Decisions)
        {
            var corrected = Apply(document.Id, iteration, decision);
            changed |= !ReferenceEquals(corrected, decision);
            decisions.Add(corrected);
        }

        return changed ? output with { Decisions = decisions } : output;
    }

    /// <summary>One decision of <paramref name="documentId"/> in <paramref name="iteration"/>, corrected (the same instance when nothing applies).</summary>
    public CanonicalizationDecision Apply(string documentId, int iteration, CanonicalizationDecision decision)
    {
        var result = decision;
        if (relationCorrections.TryGetValue((documentId, iteration, decision.OpenTriple), out var correction))
        {
            result = correction.Kind switch
            {
                CorrectionKind.ChooseRelation => decision with { Kind = DecisionKind.Aligned, Result = decision.OpenTriple.WithRelation(correction.Relation ?? decision.OpenTriple.Relation) },
                CorrectionKind.KeepOpenRelation => decision with { Kind = DecisionKind.AddedToSchema, Result = decision.OpenTriple },
                _ => decision with { Kind = DecisionKind.Dropped, Result = null },
            };
            result = result with { Correction = AppliedCorrection.Of(correction) };
        }

        if (entityCorrections.Count == 0 || result.Result is not { } triple)
        {
            return result;
        }

        var subject = Rename(triple.Subject, documentId, out var bySubject);
        var @object = Rename(triple.Object, documentId, out var byObject);
        if (bySubject is null && byObject is null)
        {
            return result;
        }

        var latest = new[] { bySubject, byObject }.OfType<Correction>().MaxBy(c => c.Id)!;
        return result with
        {
            Result = new Triple(subject, triple.Relation, @object),
            Correction = result.Correction is { } earlier && earlier.Id > latest.Id ? earlier : AppliedCorrection.Of(latest),
        };
    }

    /// <summary>The name an entity mention of <paramref name="documentId"/> has after the entity corrections.</summary>
    public string Rename(string name, string documentId, out Correction? applied)
    {
        applied = null;
        var key = EntityKey.Of(name);
        foreach (var (entityKey, correction) in entityCorrections)
        {
            if (entityKey != key || (correction.Kind == CorrectionKind.SplitEntity && correction.DocumentId != documentId))
            {
                continue;
            }

            name = correction.NewName!;
            key = EntityKey.Of(name);
            applied = correction;
        }

        return name;
    }
}
