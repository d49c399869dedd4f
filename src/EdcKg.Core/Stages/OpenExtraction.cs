using EdcKg.Core.Domain;
using EdcKg.Core.Parsing;
using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Stages;

/// <summary>
/// Stage 1, open information extraction: a few-shot prompt asks for <c>[subject, relation, object]</c> triples of a
/// document (with entity and relation hints in refinement iterations), and the answer is parsed tolerantly.
/// </summary>
public sealed class OpenExtraction(IChatClient chat, PromptTemplate template, string fewShotExamples, int maxOutputTokens = 512)
{
    /// <summary>EDC's lead-in for the answer.</summary>
    public const string AnswerPrefix = "Triplets: ";

    /// <summary>Extracts the triples of <paramref name="document"/>; <paramref name="hint"/> is given in refinement iterations.</summary>
    public async Task<OpenExtractionOutput> ExtractAsync(Document document, RefinementHint? hint, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>
        {
            ["few_shot_examples"] = fewShotExamples,
            ["input_text"] = document.Text,
            ["entities_hint"] = hint?.Entities ?? string.Empty,
            ["relations_hint"] = hint?.Relations ?? string.Empty,
        };
        var answer = await ChatQuestion.AskAsync(chat, template.Fill(values), new TripleListShape(), AnswerPrefix, maxOutputTokens, cancellationToken).ConfigureAwait(false);
        var parse = TripleListParser.Parse(answer);
        return new OpenExtractionOutput(parse.Triples, parse.Unparsed, answer);
    }
}
