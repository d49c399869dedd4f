using System.Globalization;
using EdcKg.Core.Inputs;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Chunking;

/// <summary>
/// The most tokens of document text one chunk may have so that the prompt of every stage that reads it, with that
/// stage's answer limit, fits its model's context: the smallest room any stage leaves, counted with each stage
/// model's own tokenizer and chat template (or <see cref="EstimatedTokenCounter"/>'s estimate for a served model,
/// whose context is <see cref="ChunkingOptions.AssumedContextTokens"/> unless it reports one).
/// </summary>
public static class ChunkBudget
{
    /// <summary>Tokens kept free in every prompt, for the seams where the text joins the template.</summary>
    public const int Margin = 16;

    /// <summary>The smallest budget that still makes sense; a prompt leaving less is a configuration error.</summary>
    public const int Minimum = 32;

    /// <summary>The budget for <paramref name="costs"/>: the least room any stage leaves, capped by <see cref="ChunkingOptions.MaxChunkTokens"/>.</summary>
    public static int Of(IEnumerable<PromptCost> costs, ChunkingOptions options)
    {
        var budget = options.MaxChunkTokens ?? int.MaxValue;
        foreach (var cost in costs)
        {
            var context = cost.Counter.ContextTokens ?? options.AssumedContextTokens;
            var prompt = cost.Counter.CountPromptTokens([new ChatMessage(ChatRole.User, cost.PromptWithoutText)]);
            var room = context - prompt - cost.AnswerTokens - cost.ExtraTokens - Margin;
            if (room < Minimum)
            {
                throw new InputException(string.Create(CultureInfo.InvariantCulture,
                    $"The {cost.Stage} prompt leaves no room for text: a context of {context} tokens, {prompt} for the instructions and examples, {cost.AnswerTokens} for the answer and {cost.ExtraTokens} for the rest of the prompt; give the model a larger context or shorten the prompt."));
            }

            budget = Math.Min(budget, room);
        }

        return budget;
    }

    /// <summary>
    /// The costs of a run's stages: open extraction (or its refined form), schema definition, the verifier, and,
    /// with refinement, entity extraction and merging, each with its model's token counter (the estimate when the
    /// client offers none).
    /// </summary>
    public static IReadOnlyList<PromptCost> CostsOf(EdcPrompts prompts, EdcSettings settings, EdcBackends backends)
    {
        static ITokenCounter CounterOf(IChatClient client) => client.GetService<ITokenCounter>() ?? new EstimatedTokenCounter();

        // Schema definition lists the chunk's triples and relations: at most what open extraction answered, twice.
        var triplesRoom = 2 * settings.OpenExtractionMaxTokens;
        // The verifier shows one triple, its definition and top-k candidate definitions.
        var candidatesRoom = 64 + settings.SchemaDefinitionMaxTokens + (settings.CanonicalizationTopK * 96);
        var costs = new List<PromptCost>
        {
            new("open extraction", CounterOf(backends.OpenExtraction), Empty(prompts.OpenExtraction, prompts.OpenExtractionExamples), settings.OpenExtractionMaxTokens),
            new("schema definition", CounterOf(backends.SchemaDefinition), Empty(prompts.SchemaDefinition, prompts.SchemaDefinitionExamples), settings.SchemaDefinitionMaxTokens, triplesRoom),
            new("canonicalization verifier", CounterOf(backends.Verifier), Empty(prompts.Verification, string.Empty), settings.VerifierMaxTokens, candidatesRoom),
        };
        if (settings.RefinementIterations > 0 && backends.EntityExtraction is { } entities && prompts.EntityExtraction is not null)
        {
            // The hint names entities and retrieved relations with definitions and an example each.
            var hintRoom = settings.EntityMaxTokens + (settings.RetrievedRelations * 128);
            costs.Add(new("refined open extraction", CounterOf(backends.OpenExtraction), Empty(prompts.RefinedOpenExtraction!, prompts.RefinedOpenExtractionExamples!), settings.OpenExtractionMaxTokens, hintRoom));
            costs.Add(new("entity extraction", CounterOf(entities), Empty(prompts.EntityExtraction, prompts.EntityExtractionExamples!), settings.EntityMaxTokens));
            costs.Add(new("entity merging", CounterOf(entities), Empty(prompts.EntityMerging!, string.Empty), settings.EntityMaxTokens, 2 * settings.EntityMaxTokens));
        }

        return costs;
    }

    private static string Empty(PromptTemplate template, string examples)
        => template.Fill(template.Placeholders.Distinct(StringComparer.Ordinal).ToDictionary(p => p, p => p == "few_shot_examples" ? examples : string.Empty, StringComparer.Ordinal));
}
