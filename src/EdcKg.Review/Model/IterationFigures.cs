namespace EdcKg.Review.Model;

/// <summary>What one iteration holds, corrections applied.</summary>
internal sealed record IterationFigures(
    int Iteration,
    int Documents,
    int Chunks,
    int OpenTriples,
    int Triples,
    int Entities,
    int Relations,
    int DroppedTriples,
    int FailedChunks,
    int CorrectedDecisions,
    bool Complete);
