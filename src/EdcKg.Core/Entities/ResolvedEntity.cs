namespace EdcKg.Core.Entities;

/// <summary>One entity after resolution, as <c>entities.jsonl</c> lists it.</summary>
/// <param name="Id">A stable id within the iteration (<c>e</c> and the sequence number of the decision that created it).</param>
/// <param name="Name">The canonical name: the name most of its mentions carry (ties: the longest, then the first).</param>
/// <param name="Aliases">The other names of its mentions, in the order they first occurred.</param>
/// <param name="Mentions">How many mentions (document, name) it has.</param>
public sealed record ResolvedEntity(string Id, string Name, IReadOnlyList<string> Aliases, int Mentions);
