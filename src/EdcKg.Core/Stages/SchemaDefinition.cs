using EdcKg.Core.Domain;
using EdcKg.Core.Parsing;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Stages;

/// <summary>
/// Stage 2, schema definition: the LLM writes a one-sentence definition of every relation of a document's triples,
/// in the document's context. A relation the answer leaves out is asked about once more, alone with its triples (the
/// relations left out are asked about together); what is still missing is reported, never a failure.
/// </summary>
public sealed class SchemaDefinition(IChatClient chat, PromptTemplate template, string fewShotExamples, int maxOutputTokens = 512)
    : IStage<SchemaDefinitionInput, SchemaDefinitionOutput>
{
    /// <summary>EDC's lead-in for the answer.</summary>
    public const string AnswerPrefix = "Answer: ";

    /// <inheritdoc />
    public string Name => StageName.SchemaDefinition;

    /// <summary>Defines the relations of the item's triples.</summary>
    public async Task<SchemaDefinitionOutput> InvokeAsync(SchemaDefinitionInput input, CancellationToken cancellationToken)
    {
        var (text, triples) = (input.Text, input.Triples);
        var relations = triples.Select(t => t.Relation).Distinct(StringComparer.Ordinal).ToList();
        if (relations.Count == 0)
        {
            return new SchemaDefinitionOutput([], []);
        }

        // Asked again (below) about what its answer leaves out, with the same text: the backend may keep the prompt for that.
        var (found, truncated) = await AskAsync(text, triples, relations, followUp: true, cancellationToken).ConfigureAwait(false);
        var truncatedAnswers = truncated ? 1 : 0;
        var missing = new List<string>();
        var left = relations.Where(r => !found.ContainsKey(r)).ToList();
        var retries = await SiblingQuestions.AskAllAsync(
            left,
            (relation, ct) => AskAsync(text, triples.Where(t => t.Relation == relation).ToList(), [relation], followUp: false, ct),
            cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < left.Count; i++)
        {
            var (again, cut) = retries[i];
            truncatedAnswers += cut ? 1 : 0;
            if (again.TryGetValue(left[i], out var definition))
            {
                found[left[i]] = definition;
            }
            else
            {
                missing.Add(left[i]);
            }
        }

        var definitions = relations.Where(found.ContainsKey).Select(r => new RelationDefinition(r, found[r])).ToList();
        return new SchemaDefinitionOutput(definitions, missing) { TruncatedAnswers = truncatedAnswers };
    }

    private async Task<(Dictionary<string, string> Definitions, bool Truncated)> AskAsync(string text, IReadOnlyList<Triple> triples, IReadOnlyList<string> relations, bool followUp, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>
        {
            ["few_shot_examples"] = fewShotExamples,
            ["text"] = text,
            ["triples"] = PythonRepr.OfNestedList(triples.Select(t => t.ToList())),
            ["relations"] = PythonRepr.OfList(relations),
        };
        var answer = await ChatQuestion.AskAsync(chat, template.Fill(values), new RelationDefinitionsShape(relations), AnswerPrefix, maxOutputTokens, cancellationToken, followUp).ConfigureAwait(false);
        return (RelationDefinitionParser.Parse(answer.Text, relations).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), answer.Truncated);
    }
}
