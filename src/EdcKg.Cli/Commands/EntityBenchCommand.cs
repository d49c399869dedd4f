using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdcKg.Benchmarks.Entities;
using EdcKg.Core.Entities;
using EdcKg.Core.Prompts;

namespace EdcKg.Cli.Commands;

/// <summary><c>edckg bench entities</c>: entity resolution over generated populations of growing size, side by side.</summary>
internal static class EntityBenchCommand
{
    public static Command Create()
    {
        var mentions = new Option<string>("--mentions") { Description = "Population sizes, comma-separated.", DefaultValueFactory = _ => "10000,100000" };
        var dimension = new Option<int>("--dimension") { Description = "Dimension of the synthetic embeddings.", DefaultValueFactory = _ => 256 };
        var topK = new Option<int>("--er-top-k") { Description = "Candidates offered per mention.", DefaultValueFactory = _ => 5 };
        var cap = new Option<int>("--posting-cap") { Description = "Names kept per blocking key.", DefaultValueFactory = _ => new EntityResolutionSettings().PostingCap };
        var promptsDir = new Option<string?>("--prompts-dir") { Description = "Prompt templates (default: ours)." };
        var json = new Option<bool>("--json") { Description = "End with one JSON object of the figures." };
        var command = new Command("entities", "Entity resolution on 10k and 100k generated mentions: mentions/s and candidate pairs examined per mention (flat as the population grows).");
        foreach (var option in new Option[] { mentions, dimension, topK, cap, promptsDir, json })
        {
            command.Options.Add(option);
        }

        return CommandAction.Set(command, async (parseResult, console, cancellationToken) =>
        {
            var sizes = new List<int>();
            foreach (var part in parseResult.GetValue(mentions)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 1)
                {
                    throw new OptionValueException("--mentions", $"'{part}' is not a positive whole number.");
                }

                sizes.Add(size);
            }

            var template = new PromptSources(parseResult.GetValue(promptsDir) ?? InstalledPrompts.Templates, InstalledPrompts.FewShot).ReadTemplate(PromptKind.ErTemplate);
            var settings = new EntityResolutionSettings { TopK = Math.Max(1, parseResult.GetValue(topK)), PostingCap = Math.Max(1, parseResult.GetValue(cap)) };
            var figures = await new EntityResolutionBenchmark(sizes, Math.Max(8, parseResult.GetValue(dimension)), template, settings).RunAsync(console.Output, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                console.Output.WriteLine(JsonSerializer.Serialize(figures));
            }

            return ExitCodes.Success;
        });
    }
}
