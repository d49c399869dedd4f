using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Stages;

/// <summary>
/// EDC+R's refined open extraction: open extraction with the refinement template and few-shot examples, whose prompt
/// carries the item's entity and relation hints. Its outputs are stored as open extraction's of that iteration.
/// </summary>
public sealed class RefinedOpenExtraction(IChatClient chat, PromptTemplate template, string fewShotExamples, int maxOutputTokens = 512)
    : IStage<RefinedOpenExtractionInput, OpenExtractionOutput>
{
    private readonly OpenExtraction extraction = new(chat, template, fewShotExamples, maxOutputTokens);

    /// <inheritdoc />
    public string Name => StageName.OpenExtraction;

    /// <summary>Extracts the triples of the item's text with its hints.</summary>
    public Task<OpenExtractionOutput> InvokeAsync(RefinedOpenExtractionInput input, CancellationToken cancellationToken)
        => extraction.ExtractAsync(input.Text, input.Hint, cancellationToken);
}
