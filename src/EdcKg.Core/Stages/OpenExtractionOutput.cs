using System.Text.Json.Serialization;
using EdcKg.Core.Domain;

namespace EdcKg.Core.Stages;

/// <summary>What open extraction produced for one document.</summary>
/// <param name="Triples">The parsed triples, without duplicates.</param>
/// <param name="Unparsed">Fragments of the answer that looked like triples but could not be read (an unclosed last one included).</param>
/// <param name="Answer">The raw answer.</param>
public sealed record OpenExtractionOutput(IReadOnlyList<Triple> Triples, IReadOnlyList<string> Unparsed, string Answer)
{
    /// <summary>Whether the answer stopped at the token limit (<c>ChatFinishReason.Length</c>), so its last triples may be cut; stored only when true.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Truncated { get; init; }
}
