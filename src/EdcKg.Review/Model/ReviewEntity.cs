namespace EdcKg.Review.Model;

/// <summary>An entity of the final graph: the name it was first written with and the triples that mention it.</summary>
internal sealed class ReviewEntity(string id, string name)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public List<int> Triples { get; } = [];

    public SortedSet<int> Documents { get; } = [];
}
