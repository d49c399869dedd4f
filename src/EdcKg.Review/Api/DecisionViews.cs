namespace EdcKg.Review.Api;

/// <summary>A candidate relation with its similarity.</summary>
internal sealed record CandidateView(string Name, float Score);

/// <summary>
/// One canonicalization decision: the open triple, its relation's definition, the candidates, the verifier's answer,
/// the current choice and outcome (corrections applied) and the pipeline's own.
/// </summary>
internal sealed record DecisionView(
    int Iteration,
    int DocumentIndex,
    string DocumentId,
    int Position,
    IReadOnlyList<string> OpenTriple,
    string? Definition,
    IReadOnlyList<CandidateView> Candidates,
    string? Answer,
    string? Choice,
    string Outcome,
    string? PipelineChoice,
    string PipelineOutcome,
    CorrectionView? Correction);

/// <summary><c>GET /api/decisions</c>.</summary>
internal sealed record DecisionListResponse(int Total, int Offset, IReadOnlyList<DecisionView> Items, IReadOnlyList<int> Iterations, IReadOnlyList<string> SchemaRelations);

/// <summary><c>GET /api/decisions?kind=merge</c>: entity-resolution decisions as the run recorded them, when it resolved entities.</summary>
internal sealed record MergeDecisionListResponse(bool EntityResolution, int Total, int Offset, IReadOnlyList<System.Text.Json.JsonElement> Items);
