using System.Text;
using EdcKg.Core.Entities;
using EdcKg.Core.Parsing;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Stages;

/// <summary>
/// Entity resolution, after canonicalization: each mention of the iteration, in corpus order, either joins an entity
/// whose name is the same once normalised (without asking), or is offered the nearest existing entities found by
/// blocking (lexical keys and the embedding of the name in its sentence) and the model picks one of them or "None of
/// the above". Every decision is logged as it is taken; a resumed or repeated run replays the logged decisions and
/// asks only about mentions that have none, so it reaches the same entities.
/// </summary>
public sealed class EntityResolution(
    IChatClient resolver,
    IEmbeddingGenerator<string, Embedding<float>>? embedder,
    PromptTemplate template,
    IEntityDecisionLog log,
    EntityResolutionSettings? settings = null) : IStage<EntityResolutionInput, EntityResolutionResult>
{
    /// <summary>The lead-in of the answer.</summary>
    public const string AnswerPrefix = "Answer: ";

    /// <summary>The last choice, offered with every question.</summary>
    public const string NoneOfTheAbove = "None of the above";

    private const int EmbeddingBatch = 64;

    private readonly EntityResolutionSettings settings = settings ?? new EntityResolutionSettings();

    /// <inheritdoc />
    public string Name => StageName.EntityResolution;

    /// <inheritdoc />
    public async Task<EntityResolutionResult> InvokeAsync(EntityResolutionInput input, CancellationToken cancellationToken)
    {
        var stored = await log.LoadAsync(input.Iteration, cancellationToken).ConfigureAwait(false);
        var decidedKeys = stored.Select(d => d.Mention.Key).ToHashSet(StringComparer.Ordinal);
        var pending = input.Mentions.Where(m => !decidedKeys.Contains(m.Key)).ToList();
        var vectors = await EmbedAsync(stored.Select(d => d.Mention).Concat(pending), cancellationToken).ConfigureAwait(false);

        var state = new ResolutionState(settings);
        var decisions = new List<EntityDecision>(stored.Count + pending.Count);
        foreach (var decision in stored)
        {
            state.Apply(decision, vectors.GetValueOrDefault(decision.Mention.EmbeddingText));
            decisions.Add(decision);
        }

        var questions = 0;
        var pairs = 0L;
        foreach (var mention in pending)
        {
            var vector = vectors.GetValueOrDefault(mention.EmbeddingText);
            var features = NameFeatures.Of(EntityName.Of(mention.Name));
            var sequence = decisions.Count;
            EntityDecision decision;
            if (state.TryGetExact(features, out var node))
            {
                var root = state.Clusters.Find(node);
                var id = state.Clusters.IdOf(root);
                decision = new EntityDecision(sequence, mention, [new EntityCandidate(id, state.Clusters.NameOf(root), 1f, 1f, vector is null ? 0f : Round(state.Clusters.Cosine(root, vector)))], null, EntityDecisionOutcome.MergedExact, id, "exact");
                pairs++;
            }
            else
            {
                var (candidates, reached) = state.Candidates(features, vector);
                pairs += reached;
                var apart = KeptApart(input, mention, state);
                candidates = [.. candidates.Where(c => !apart.Contains(c.EntityId))];
                if (candidates.Count == 0)
                {
                    decision = new EntityDecision(sequence, mention, [], null, EntityDecisionOutcome.New, NewId(sequence), "none");
                }
                else
                {
                    questions++;
                    decision = await AskAsync(sequence, mention, candidates, state, cancellationToken).ConfigureAwait(false);
                }

                if (apart.Count > 0)
                {
                    decision = decision with { DifferentFrom = [.. decision.DifferentFrom.Union(decision.Outcome == EntityDecisionOutcome.New ? apart : [])] };
                }
            }

            // Logged before it is applied: a kill between the two loses nothing, the next run replays the decision.
            await log.AppendAsync(input.Iteration, decision, cancellationToken).ConfigureAwait(false);
            state.Apply(decision, vector, features);
            decisions.Add(decision);
            input.Progress?.Advance();
        }

        var live = input.Mentions.Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        var assignments = state.Clusters.Assignments().Where(a => live.Contains(a.Key)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        return new EntityResolutionResult(state.Clusters.Entities(live), decisions, assignments)
        {
            Decided = pending.Count,
            Questions = questions,
            PairsExamined = pairs,
        };
    }

    /// <summary>The question for <paramref name="mention"/> with <paramref name="candidates"/> (and the letters offered, "None of the above" last).</summary>
    internal string Prompt(EntityMention mention, IReadOnlyList<EntityCandidate> candidates, Func<string, string> contextOf, out IReadOnlyList<string> letters)
    {
        var offered = new List<string>();
        var choices = new StringBuilder();
        for (var i = 0; i < candidates.Count; i++)
        {
            var letter = ((char)('A' + i)).ToString();
            offered.Add(letter);
            choices.Append(letter).Append(". ").Append(OneLine(candidates[i].Name));
            var context = OneLine(contextOf(candidates[i].EntityId));
            if (context.Length > 0)
            {
                choices.Append(" | ").Append(context.Length > settings.CandidateContextLength ? context[..settings.CandidateContextLength].TrimEnd() + "…" : context);
            }

            choices.Append('\n');
        }

        var none = ((char)('A' + candidates.Count)).ToString();
        offered.Add(none);
        choices.Append(none).Append(". ").Append(NoneOfTheAbove);
        letters = offered;
        return template.Fill(new Dictionary<string, string>
        {
            ["entity"] = OneLine(mention.Name),
            ["entity_context"] = OneLine(mention.Context),
            ["choices"] = choices.ToString(),
        });
    }

    private async Task<EntityDecision> AskAsync(int sequence, EntityMention mention, IReadOnlyList<EntityCandidate> candidates, ResolutionState state, CancellationToken cancellationToken)
    {
        var prompt = Prompt(mention, candidates, id => state.Clusters.ContextOf(state.Clusters.RootOf(id)), out var letters);
        var answer = (await ChatQuestion.AskAsync(resolver, prompt, new ChoiceShape(letters), AnswerPrefix, settings.MaxAnswerTokens, cancellationToken).ConfigureAwait(false)).Text;
        var chosen = ChoiceParser.Parse(answer, letters);
        if (chosen is null || chosen == letters[^1])
        {
            // "None of the above" says the mention is none of them; an answer that is no letter says nothing.
            var different = chosen is null ? [] : candidates.Select(c => c.EntityId).ToList();
            return new EntityDecision(sequence, mention, candidates, answer, EntityDecisionOutcome.New, NewId(sequence), "model") { DifferentFrom = different };
        }

        var target = candidates[chosen[0] - 'A'].EntityId;
        return new EntityDecision(sequence, mention, candidates, answer, EntityDecisionOutcome.Merged, target, "model");
    }

    // The entities holding the names a reviewer split the mention off.
    private static IReadOnlyList<string> KeptApart(EntityResolutionInput input, EntityMention mention, ResolutionState state)
    {
        if (input.KeptApart?.GetValueOrDefault(mention.Key) is not { Count: > 0 } names)
        {
            return [];
        }

        var ids = new List<string>();
        foreach (var name in names)
        {
            if (state.TryGetExact(NameFeatures.Of(EntityName.Of(name)), out var node) && state.Clusters.IdOf(node) is var id && !ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private async Task<Dictionary<string, float[]>> EmbedAsync(IEnumerable<EntityMention> mentions, CancellationToken cancellationToken)
    {
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (embedder is null)
        {
            return vectors;
        }

        // Only the first mention of each name is indexed and compared; later ones merge without asking.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var texts = mentions.Where(m => seen.Add(EntityName.Of(m.Name).Compact)).Select(m => m.EmbeddingText).Distinct(StringComparer.Ordinal).ToList();
        foreach (var batch in texts.Chunk(EmbeddingBatch))
        {
            var embeddings = await embedder.GenerateAsync(batch, EmbeddingOptionKeys.For(EmbeddingRole.Passage), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Length; i++)
            {
                vectors[batch[i]] = embeddings[i].Vector.ToArray();
            }
        }

        return vectors;
    }

    private static string NewId(int sequence) => "e" + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    private static float Round(float value) => MathF.Round(value, 4);
}
