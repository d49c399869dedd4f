using EdcKg.Core.Domain;
using EdcKg.Core.Parsing;
using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Stages;

/// <summary>EDC+R entity merging: the LLM merges two entity lists of a document into one without duplicates.</summary>
public sealed class EntityMerging(IChatClient chat, PromptTemplate template, int maxOutputTokens = 256)
{
    /// <summary>EDC's lead-in for the answer.</summary>
    public const string AnswerPrefix = "Answer: ";

    /// <summary>
    /// Merges <paramref name="previousEntities"/> (from the last iteration's triples) with <paramref name="extractedEntities"/>.
    /// When both lists are empty there is nothing to ask.
    /// </summary>
    public async Task<IReadOnlyList<string>> MergeAsync(Document document, IReadOnlyList<string> previousEntities, IReadOnlyList<string> extractedEntities, CancellationToken cancellationToken)
    {
        if (previousEntities.Count == 0 && extractedEntities.Count == 0)
        {
            return [];
        }

        var prompt = template.Fill(new Dictionary<string, string>
        {
            ["input_text"] = document.Text,
            ["entity_list_1"] = PythonRepr.OfList(previousEntities),
            ["entity_list_2"] = PythonRepr.OfList(extractedEntities),
        });
        var answer = await ChatQuestion.AskAsync(chat, prompt, new EntityListShape(), AnswerPrefix, maxOutputTokens, cancellationToken).ConfigureAwait(false);
        return EntityListParser.Parse(answer);
    }
}
