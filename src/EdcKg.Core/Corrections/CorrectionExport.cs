using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using EdcKg.Core.Domain;
using EdcKg.Core.Outputs;
using EdcKg.Core.Storage;

namespace EdcKg.Core.Corrections;

/// <summary>
/// A run's corrections as JSON lines, undone ones included (<c>active: false</c>), each relation correction with the
/// decision the pipeline had made (its relation, outcome and candidates with scores), so that a schema-alignment
/// experiment can count how often, and how, reviewers disagreed with canonicalization.
/// </summary>
public static class CorrectionExport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Writes the corrections of the run in <paramref name="runDirectory"/> to <paramref name="path"/> and returns how many.</summary>
    public static async Task<int> WriteAsync(string runDirectory, string path, CancellationToken cancellationToken = default)
    {
        var text = await JsonLinesAsync(runDirectory, cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllTextAsync(path, text.Text, cancellationToken).ConfigureAwait(false);
        return text.Count;
    }

    /// <summary>The JSON lines and their number.</summary>
    public static async Task<(string Text, int Count)> JsonLinesAsync(string runDirectory, CancellationToken cancellationToken = default)
    {
        await using var store = RunStore.OpenExisting(runDirectory);
        IReadOnlyList<Correction> corrections;
        using (var correctionStore = CorrectionStore.Open(store.Path))
        {
            corrections = await correctionStore.LoadAsync(cancellationToken).ConfigureAwait(false);
        }

        var decisions = new Dictionary<(string, int, Triple), CanonicalizationDecision>();
        if (corrections.Any(c => c.IsRelationCorrection))
        {
            foreach (var iteration in await StoredIterations.LoadAsync(store, cancellationToken).ConfigureAwait(false))
            {
                foreach (var document in iteration.Documents)
                {
                    foreach (var decision in iteration.SchemaCanonicalization.GetValueOrDefault(document.Index)?.Decisions ?? [])
                    {
                        decisions.TryAdd((document.Id, iteration.Iteration, decision.OpenTriple), decision);
                    }
                }
            }
        }

        var builder = new StringBuilder();
        foreach (var c in corrections)
        {
            var pipeline = c is { DocumentId: { } d, Iteration: { } i, OpenTriple: { } t } && decisions.TryGetValue((d, i, t), out var found)
                ? new PipelineDecision(found.Kind, found.Result?.Relation, found.Candidates)
                : null;
            builder.Append(JsonSerializer.Serialize(
                new Line(c.Id, c.Kind, c.IsActive, c.DocumentId, c.Iteration, c.OpenTriple?.ToList(), c.Relation, c.Entity, c.NewName, c.User, c.CreatedAt, c.UndoneBy, c.UndoneAt, pipeline),
                Json)).Append('\n');
        }

        return (builder.ToString(), corrections.Count);
    }

    private sealed record PipelineDecision(DecisionKind Decision, string? Relation, IReadOnlyList<CandidateRelation> Candidates);

    private sealed record Line(
        long Id,
        CorrectionKind Kind,
        bool Active,
        string? DocumentId,
        int? Iteration,
        IReadOnlyList<string>? OpenTriple,
        string? Relation,
        string? Entity,
        string? NewName,
        string User,
        DateTimeOffset CreatedAt,
        string? UndoneBy,
        DateTimeOffset? UndoneAt,
        PipelineDecision? Pipeline);
}
