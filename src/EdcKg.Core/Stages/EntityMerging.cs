using EdcKg.Core.Parsing;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Stages;

/// <summary>EDC+R entity merging: the LLM merges two entity lists of a text into one without duplicates.</summary>
public sealed class EntityMerging(IChatClient chat, PromptTemplate template, int maxOutputTokens = 256)
    : IStage<EntityMergingInput, EntityListOutput>
{
    /// <summary>EDC's lead-in for the answer.</summary>
    public const string AnswerPrefix = "Answer: ";

    /// <inheritdoc />
    public string Name => StageName.EntityMerging;

    /// <summary>
    /// Merges the previous iteration's entities with the extracted ones. When both lists are empty there is nothing to ask.
    /// </summary>
    public async Task<EntityListOutput> InvokeAsync(EntityMergingInput input, CancellationToken cancellationToken)
    {
        if (input.PreviousEntities.Count == 0 && input.ExtractedEntities.Count == 0)
        {
            return new EntityListOutput([], false);
        }

        var prompt = template.Fill(new Dictionary<string, string>
        {
            ["input_text"] = input.Text,
            ["entity_list_1"] = PythonRepr.OfList(input.PreviousEntities),
            ["entity_list_2"] = PythonRepr.OfList(input.ExtractedEntities),
        });
        var answer = await ChatQuestion.AskAsync(chat, prompt, new EntityListShape(), AnswerPrefix, maxOutputTokens, cancellationToken).ConfigureAwait(false);
        return new EntityListOutput(EntityListParser.Parse(answer.Text), answer.Truncated);
    }
}
