using System.Text;
using EdcKg.Core.Domain;
using EdcKg.Core.Parsing;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Stages;

/// <summary>
/// Target alignment: the open relation's definition is embedded, the top-k schema relations by cosine are offered to
/// the LLM as lettered choices plus "None of the above", and the chosen one replaces the open relation. A relation
/// that already is in the schema is kept as is.
/// </summary>
public sealed class TargetAlignment(IChatClient verifier, IEmbeddingGenerator<string, Embedding<float>> embedder, PromptTemplate template, int topK = 5, int maxOutputTokens = 5)
    : IStage<TargetAlignmentInput, AlignmentOutcome>
{
    /// <summary>EDC's lead-in for the answer.</summary>
    public const string AnswerPrefix = "Answer: ";

    /// <inheritdoc />
    public string Name => StageName.TargetAlignment;

    /// <summary>Aligns the open triple to the schema.</summary>
    public async Task<AlignmentOutcome> InvokeAsync(TargetAlignmentInput input, CancellationToken cancellationToken)
    {
        var (open, definition, schema) = (input.Open, input.Definition, input.Schema);
        if (schema.Contains(open.Relation))
        {
            return new AlignmentOutcome(new CanonicalizationDecision(open, DecisionKind.AlreadyInSchema, open, [], null), null);
        }

        if (definition is null)
        {
            return new AlignmentOutcome(new CanonicalizationDecision(open, DecisionKind.DroppedUndefined, null, [], null), null);
        }

        var embedding = await embedder.GenerateAsync([definition], EmbeddingOptionKeys.For(EmbeddingRole.Query), cancellationToken).ConfigureAwait(false);
        var query = embedding[0].Vector;
        var candidates = schema.Nearest(query.Span, topK);
        if (candidates.Count == 0)
        {
            return new AlignmentOutcome(new CanonicalizationDecision(open, DecisionKind.Dropped, null, [], null), query);
        }

        var letters = new List<string>();
        var choices = new StringBuilder();
        for (var i = 0; i < candidates.Count; i++)
        {
            var letter = ((char)('A' + i)).ToString();
            letters.Add(letter);
            choices.Append(letter).Append(". '").Append(candidates[i].Name).Append("': ").Append(schema[candidates[i].Name].Definition).Append('\n');
        }

        var noneLetter = ((char)('A' + candidates.Count)).ToString();
        choices.Append(noneLetter).Append(". None of the above.\n");
        var prompt = template.Fill(new Dictionary<string, string>
        {
            ["input_text"] = input.Text,
            ["query_triplet"] = PythonRepr.OfList(open.ToList()),
            ["query_relation"] = open.Relation,
            ["query_relation_definition"] = definition,
            ["choices"] = choices.ToString(),
        });
        var answer = await ChatQuestion.AskAsync(verifier, prompt, new ChoiceShape([.. letters, noneLetter]), AnswerPrefix, maxOutputTokens, cancellationToken).ConfigureAwait(false);
        var chosen = ChoiceParser.Parse(answer.Text, letters);
        var decision = chosen is null
            ? new CanonicalizationDecision(open, DecisionKind.Dropped, null, candidates, answer.Text)
            : new CanonicalizationDecision(open, DecisionKind.Aligned, open.WithRelation(candidates[letters.IndexOf(chosen)].Name), candidates, answer.Text);
        return new AlignmentOutcome(decision, query) { Truncated = answer.Truncated };
    }
}
