using EdcKg.Core.Usage;

namespace EdcKg.Cli.Commands.Options;

/// <summary>Where a run writes, and the prices its usage summary is costed at.</summary>
/// <param name="Directory">The output folder (results and the resumable run store).</param>
/// <param name="Prices">Token prices for the usage summary, or null.</param>
internal sealed record RunOutput(string Directory, UsagePrices? Prices);

