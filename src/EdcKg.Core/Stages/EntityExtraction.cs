using EdcKg.Core.Domain;
using EdcKg.Core.Parsing;
using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Stages;

/// <summary>EDC+R entity extraction: a few-shot prompt asks for the entities of a document.</summary>
public sealed class EntityExtraction(IChatClient chat, PromptTemplate template, string fewShotExamples, int maxOutputTokens = 256)
{
    /// <summary>EDC's lead-in for the answer.</summary>
    public const string AnswerPrefix = "Entities: ";

    /// <summary>The entities of <paramref name="document"/>.</summary>
    public async Task<IReadOnlyList<string>> ExtractAsync(Document document, CancellationToken cancellationToken)
    {
        var prompt = template.Fill(new Dictionary<string, string> { ["few_shot_examples"] = fewShotExamples, ["input_text"] = document.Text });
        var answer = await ChatQuestion.AskAsync(chat, prompt, new EntityListShape(), AnswerPrefix, maxOutputTokens, cancellationToken).ConfigureAwait(false);
        return EntityListParser.Parse(answer);
    }
}
