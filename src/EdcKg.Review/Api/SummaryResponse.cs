using EdcKg.Review.Model;

namespace EdcKg.Review.Api;

/// <summary><c>GET /api/summary</c>: the overview.</summary>
internal sealed record SummaryResponse(
    string RunId,
    string RunFolder,
    string User,
    int Documents,
    int SchemaRelations,
    int Entities,
    int Triples,
    int ActiveCorrections,
    bool EntityResolution,
    IReadOnlyList<IterationFigures> Iterations,
    IReadOnlyList<FailureView> Failures);

/// <summary>A document (or chunk) whose stage failed.</summary>
internal sealed record FailureView(int Iteration, string Stage, int DocumentIndex, string DocumentId, string Error);
