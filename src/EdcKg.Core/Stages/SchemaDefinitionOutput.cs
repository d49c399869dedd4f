using System.Text.Json.Serialization;
using EdcKg.Core.Domain;

namespace EdcKg.Core.Stages;

/// <summary>What schema definition produced for one document.</summary>
/// <param name="Definitions">A definition for each relation that got one, in the order the relations first appear.</param>
/// <param name="Missing">Relations left undefined even after asking again for each alone.</param>
public sealed record SchemaDefinitionOutput(IReadOnlyList<RelationDefinition> Definitions, IReadOnlyList<string> Missing)
{
    /// <summary>Answers of this item that stopped at the token limit (<c>ChatFinishReason.Length</c>), so may be cut; stored only when there are any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int TruncatedAnswers { get; init; }

    /// <summary>The definition of <paramref name="relation"/>, or null.</summary>
    public string? DefinitionOf(string relation) => Definitions.FirstOrDefault(d => d.Relation == relation)?.Definition;
}
