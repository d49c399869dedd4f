namespace EdcKg.Core.Usage;

/// <summary>What one role's model cost in a run: the requests that reached the model (cache hits are not counted).</summary>
/// <param name="Role">The role (oie, sd, sc, ee, sc_embedder, sr_embedder).</param>
/// <param name="Model">The model's identity.</param>
/// <param name="Requests">Requests answered.</param>
/// <param name="FailedRequests">Requests that ended in an error (after the backend's own retries).</param>
/// <param name="InputTokens">Prompt (or embedded) tokens, as the backend reported them.</param>
/// <param name="OutputTokens">Completion tokens, as the backend reported them.</param>
/// <param name="Elapsed">Time spent waiting for the model, summed over requests (concurrent requests overlap).</param>
public sealed record UsageLine(string Role, string Model, long Requests, long FailedRequests, long InputTokens, long OutputTokens, TimeSpan Elapsed)
{
    /// <summary>The cost of the tokens at <paramref name="prices"/>, or null without prices.</summary>
    public decimal? CostAt(UsagePrices? prices)
        => prices is null ? null : (InputTokens * prices.InputPer1K / 1000m) + (OutputTokens * prices.OutputPer1K / 1000m);
}
