using System.CommandLine;
using EdcKg.Core.Usage;

namespace EdcKg.Cli.Commands.Options;

/// <summary>The options of <see cref="RunOutput"/>.</summary>
internal sealed class OutputOptions : IOptionGroup<RunOutput>
{
    public Option<string> OutputDir { get; } = new("--output-dir") { Description = "Output folder: iter*/ results and the resumable run store.", DefaultValueFactory = _ => Path.Combine("output", "edckg") };

    public Option<decimal?> PricePer1KInput { get; } = new Option<decimal?>("--price-per-1k-input") { Description = "Price of 1,000 prompt tokens, for the cost in the usage summary." }.NotNegative();

    public Option<decimal?> PricePer1KOutput { get; } = new Option<decimal?>("--price-per-1k-output") { Description = "Price of 1,000 completion tokens, for the cost in the usage summary." }.NotNegative();

    public IEnumerable<Option> Options => [OutputDir, PricePer1KInput, PricePer1KOutput];

    public RunOutput Bind(ParseResult result)
    {
        var input = result.GetValue(PricePer1KInput);
        var output = result.GetValue(PricePer1KOutput);
        if ((input is null) != (output is null))
        {
            throw new OptionValueException(input is null ? PricePer1KInput.Name : PricePer1KOutput.Name, "--price-per-1k-input and --price-per-1k-output go together: give both (0 for a free side).");
        }

        return new RunOutput(result.GetValue(OutputDir)!, input is { } i && output is { } o ? new UsagePrices(i, o) : null);
    }
}
