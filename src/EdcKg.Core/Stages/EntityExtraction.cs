using EdcKg.Core.Parsing;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Stages;

/// <summary>EDC+R entity extraction: a few-shot prompt asks for the entities of a text.</summary>
public sealed class EntityExtraction(IChatClient chat, PromptTemplate template, string fewShotExamples, int maxOutputTokens = 256)
    : IStage<EntityExtractionInput, EntityListOutput>
{
    /// <summary>EDC's lead-in for the answer.</summary>
    public const string AnswerPrefix = "Entities: ";

    /// <inheritdoc />
    public string Name => StageName.EntityExtraction;

    /// <summary>The entities of the item's text.</summary>
    public async Task<EntityListOutput> InvokeAsync(EntityExtractionInput input, CancellationToken cancellationToken)
    {
        var prompt = template.Fill(new Dictionary<string, string> { ["few_shot_examples"] = fewShotExamples, ["input_text"] = input.Text });
        var answer = await ChatQuestion.AskAsync(chat, prompt, new EntityListShape(), AnswerPrefix, maxOutputTokens, cancellationToken).ConfigureAwait(false);
        return new EntityListOutput(EntityListParser.Parse(answer.Text), answer.Truncated);
    }
}
