namespace EdcKg.Review.Api;

/// <summary>An entity in a list or a graph: its id, name, number of triples and of documents.</summary>
internal sealed record EntitySummary(string Id, string Name, int Triples, int Documents);

/// <summary><c>GET /api/entities?query=</c>.</summary>
internal sealed record EntityListResponse(string Query, int Total, IReadOnlyList<EntitySummary> Items);

/// <summary>One triple as a graph edge, with the way back to its decision.</summary>
internal sealed record EdgeView(
    int Id,
    string Source,
    string Target,
    string Relation,
    string OpenRelation,
    int DocumentIndex,
    string DocumentId,
    int Iteration,
    int Position,
    string Outcome,
    bool Corrected);

/// <summary><c>GET /api/entities/{id}/neighbourhood</c>: an entity, its triples (filtered) and the entities they reach.</summary>
internal sealed record NeighbourhoodResponse(
    EntitySummary Center,
    IReadOnlyList<EntitySummary> Nodes,
    IReadOnlyList<EdgeView> Edges,
    int TotalEdges,
    bool Truncated,
    IReadOnlyList<string> Relations,
    IReadOnlyList<DocumentRef> Documents);

/// <summary>A document named by its index and id.</summary>
internal sealed record DocumentRef(int Index, string Id);
