using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;

namespace EdcKg.Core.Stages;

/// <summary>What the refinement-hint stage (EDC+R) needs for one item.</summary>
/// <param name="Key">The item (part of the seed of the example draw, so a resumed run draws what an uninterrupted one did).</param>
/// <param name="Text">The text of the item.</param>
/// <param name="PreviousTriples">The item's canonical triples from the previous iteration.</param>
public sealed record RefinementHintInput(ItemKey Key, string Text, IReadOnlyList<Triple> PreviousTriples);
