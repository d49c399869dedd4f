using EdcKg.Core.Domain;

namespace EdcKg.Review.Model;

/// <summary>One canonicalization decision as the pipeline made it and as it stands after the corrections.</summary>
internal sealed record DecisionRow(int Iteration, Document Document, int Position, CanonicalizationDecision Original, CanonicalizationDecision Current, string? Definition);
