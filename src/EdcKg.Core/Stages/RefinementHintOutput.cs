using System.Text.Json.Serialization;

namespace EdcKg.Core.Stages;

/// <summary>What the refinement-hint stage produced for one document (EDC+R).</summary>
/// <param name="ExtractedEntities">Entities entity extraction found in the text.</param>
/// <param name="MergedEntities">The merged entity list.</param>
/// <param name="RetrievedRelations">Relations the schema retriever returned, best first.</param>
/// <param name="HintRelations">The relations of the hint in order: the previous triples' relations, then the retrieved ones.</param>
/// <param name="Hint">The hint text given to refined open extraction.</param>
public sealed record RefinementHintOutput(
    IReadOnlyList<string> ExtractedEntities,
    IReadOnlyList<string> MergedEntities,
    IReadOnlyList<string> RetrievedRelations,
    IReadOnlyList<string> HintRelations,
    RefinementHint Hint)
{
    /// <summary>Answers of this item that stopped at the token limit (<c>ChatFinishReason.Length</c>), so may be cut; stored only when there are any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int TruncatedAnswers { get; init; }
}
