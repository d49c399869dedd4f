namespace EdcKg.Core.Usage;

/// <summary>The usage of one invocation of a command on a run's output folder.</summary>
/// <param name="Started">When the invocation started.</param>
/// <param name="Lines">What each role's model cost in it.</param>
/// <param name="Prices">The prices it was costed at, or null.</param>
public sealed record UsageInvocation(DateTimeOffset Started, IReadOnlyList<UsageLine> Lines, UsagePrices? Prices)
{
    /// <summary>The cost of the invocation's tokens, or null without prices.</summary>
    public decimal? Cost => Prices is null ? null : Lines.Sum(l => l.CostAt(Prices)!.Value);
}
