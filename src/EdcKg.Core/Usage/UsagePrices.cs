namespace EdcKg.Core.Usage;

/// <summary>Prices per 1,000 tokens, in whatever currency the user gives them.</summary>
/// <param name="InputPer1K">Price of 1,000 prompt tokens.</param>
/// <param name="OutputPer1K">Price of 1,000 completion tokens.</param>
public sealed record UsagePrices(decimal InputPer1K, decimal OutputPer1K);
