using EdcKg.Core.Domain;
using EdcKg.Core.Parsing;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Stages;

/// <summary>
/// Stage 1, open information extraction: a few-shot prompt asks for the <c>[subject, relation, object]</c> triples of
/// a text, and the answer is parsed tolerantly. Refinement iterations use <see cref="RefinedOpenExtraction"/>.
/// </summary>
public sealed class OpenExtraction(IChatClient chat, PromptTemplate template, string fewShotExamples, int maxOutputTokens = 512)
    : IStage<OpenExtractionInput, OpenExtractionOutput>
{
    /// <summary>EDC's lead-in for the answer.</summary>
    public const string AnswerPrefix = "Triplets: ";

    /// <inheritdoc />
    public string Name => StageName.OpenExtraction;

    /// <summary>Extracts the triples of the item's text.</summary>
    public Task<OpenExtractionOutput> InvokeAsync(OpenExtractionInput input, CancellationToken cancellationToken)
        => ExtractAsync(input.Text, null, cancellationToken);

    /// <summary>Asks for the triples of <paramref name="text"/>, with the hints of a refinement iteration when given.</summary>
    internal async Task<OpenExtractionOutput> ExtractAsync(string text, RefinementHint? hint, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>
        {
            ["few_shot_examples"] = fewShotExamples,
            ["input_text"] = text,
            ["entities_hint"] = hint?.Entities ?? string.Empty,
            ["relations_hint"] = hint?.Relations ?? string.Empty,
        };
        var answer = await ChatQuestion.AskAsync(chat, template.Fill(values), new TripleListShape(), AnswerPrefix, maxOutputTokens, cancellationToken).ConfigureAwait(false);
        var parse = TripleListParser.Parse(answer.Text);
        return new OpenExtractionOutput(parse.Triples, parse.Unparsed, answer.Text) { Truncated = answer.Truncated };
    }
}
