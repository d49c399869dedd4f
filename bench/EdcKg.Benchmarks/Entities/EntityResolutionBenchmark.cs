using System.Diagnostics;
using System.Globalization;
using EdcKg.Core.Entities;
using EdcKg.Core.Prompts;
using EdcKg.Core.Stages;

namespace EdcKg.Benchmarks.Entities;

/// <summary>
/// Entity resolution over generated populations of growing size, side by side: mentions resolved per second, the
/// entity–mention pairs the blocking reached per mention (which must stay flat as the population grows: no
/// all-pairs comparison), questions per mention, how often the true entity was among the candidates, and B-cubed
/// precision and recall of the resulting entities. The questions are answered from the population's ground truth
/// and the embeddings are synthetic, so the figures are those of blocking and clustering, not of a model.
/// </summary>
public sealed class EntityResolutionBenchmark(IReadOnlyList<int> sizes, int dimension, PromptTemplate template, EntityResolutionSettings settings)
{
    /// <summary>Runs every size, writes one line per size to <paramref name="output"/> and returns the figures.</summary>
    public async Task<IReadOnlyDictionary<string, double>> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var figures = new Dictionary<string, double>();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"entity resolution on generated mentions ({dimension}-d synthetic embeddings, top-{settings.TopK}, posting cap {settings.PostingCap}, answers from ground truth)")).ConfigureAwait(false);
        // A small population first, unreported, so that the first size is not charged with compiling the code.
        await ResolveAsync(SyntheticEntityPopulation.Generate(2000, dimension, seed: 5), cancellationToken).ConfigureAwait(false);
        foreach (var size in sizes)
        {
            var population = SyntheticEntityPopulation.Generate(size, dimension, seed: 11);
            var (mentions, result, wall, cpu) = await ResolveAsync(population, cancellationToken).ConfigureAwait(false);
            var perSecond = size / wall.TotalSeconds;
            var perCpuSecond = size / cpu.TotalSeconds;
            var pairs = (double)result.PairsExamined / size;
            var questions = (double)result.Questions / size;
            var recall = CandidateRecall(result, population);
            var (precision, clusterRecall) = BCubed(result, mentions, population);
            var key = size.ToString(CultureInfo.InvariantCulture);
            figures[$"mentions_per_s_{key}"] = Math.Round(perSecond, 1);
            figures[$"mentions_per_cpu_s_{key}"] = Math.Round(perCpuSecond, 1);
            figures[$"pairs_per_mention_{key}"] = Math.Round(pairs, 2);
            figures[$"questions_per_mention_{key}"] = Math.Round(questions, 3);
            figures[$"candidate_recall_{key}"] = Math.Round(recall, 4);
            figures[$"bcubed_precision_{key}"] = Math.Round(precision, 4);
            figures[$"bcubed_recall_{key}"] = Math.Round(clusterRecall, 4);
            figures[$"peak_mb_{key}"] = Math.Round(PeakMemory.ResidentMegabytes(), 0);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{size,8} mentions ({population.Select(p => p.Truth).Distinct().Count()} true entities, {result.Entities.Count} found): {perSecond,7:F0} mentions/s ({perCpuSecond:F0} per CPU-second)   pairs/mention {pairs,6:F1}   questions/mention {questions:F3}   candidate recall {recall:P1}   B-cubed P {precision:P1} R {clusterRecall:P1}   peak {PeakMemory.ResidentMegabytes():F0} MB"))
                .ConfigureAwait(false);
        }

        if (sizes.Count >= 2)
        {
            var first = figures[$"pairs_per_mention_{sizes[0].ToString(CultureInfo.InvariantCulture)}"];
            var last = figures[$"pairs_per_mention_{sizes[^1].ToString(CultureInfo.InvariantCulture)}"];
            figures["pairs_growth"] = Math.Round(last / first, 3);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"pairs/mention at {sizes[^1]} vs {sizes[0]} mentions: {last / first:F2}x (the population grew {(double)sizes[^1] / sizes[0]:F0}x)")).ConfigureAwait(false);
        }

        return figures;
    }

    private async Task<(List<EntityMention> Mentions, EntityResolutionResult Result, TimeSpan Wall, TimeSpan Cpu)> ResolveAsync(IReadOnlyList<SyntheticMention> population, CancellationToken cancellationToken)
    {
        var mentions = population.Select((m, i) => new EntityMention(i, i.ToString(CultureInfo.InvariantCulture), m.Name, m.Context)).ToList();
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var truthOfContext = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < mentions.Count; i++)
        {
            vectors[mentions[i].EmbeddingText] = population[i].Vector;
            truthOfContext[mentions[i].Context] = population[i].Truth;
        }

        var stage = new EntityResolution(new PopulationOracle(truthOfContext), new PopulationEmbedder(vectors), template, new MemoryEntityDecisionLog(), settings);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = await stage.InvokeAsync(new EntityResolutionInput(0, mentions), cancellationToken).ConfigureAwait(false);
        clock.Stop();
        process.Refresh();
        return (mentions, result, clock.Elapsed, process.TotalProcessorTime - cpuBefore);
    }

    // Of the questions about a mention whose true entity was already there, how many offered it.
    private static double CandidateRecall(EntityResolutionResult result, IReadOnlyList<SyntheticMention> population)
    {
        var truthOfEntity = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<int>();
        int asked = 0, found = 0;
        foreach (var decision in result.Decisions)
        {
            var truth = population[decision.Mention.DocumentIndex].Truth;
            if (decision.Outcome != EntityDecisionOutcome.MergedExact && seen.Contains(truth))
            {
                asked++;
                if (decision.Candidates.Any(c => truthOfEntity.GetValueOrDefault(c.EntityId, -1) == truth))
                {
                    found++;
                }
            }

            seen.Add(truth);
            truthOfEntity.TryAdd(decision.EntityId, truth);
        }

        return asked == 0 ? 1 : (double)found / asked;
    }

    private static (double Precision, double Recall) BCubed(EntityResolutionResult result, IReadOnlyList<EntityMention> mentions, IReadOnlyList<SyntheticMention> population)
    {
        var found = mentions.Select(m => result.Assignments[m.Key]).ToList();
        var pairCount = new Dictionary<(string, int), int>();
        var foundCount = new Dictionary<string, int>(StringComparer.Ordinal);
        var truthCount = new Dictionary<int, int>();
        for (var i = 0; i < mentions.Count; i++)
        {
            var key = (found[i], population[i].Truth);
            pairCount[key] = pairCount.GetValueOrDefault(key) + 1;
            foundCount[found[i]] = foundCount.GetValueOrDefault(found[i]) + 1;
            truthCount[population[i].Truth] = truthCount.GetValueOrDefault(population[i].Truth) + 1;
        }

        double precision = 0, recall = 0;
        for (var i = 0; i < mentions.Count; i++)
        {
            var both = pairCount[(found[i], population[i].Truth)];
            precision += (double)both / foundCount[found[i]];
            recall += (double)both / truthCount[population[i].Truth];
        }

        return (precision / mentions.Count, recall / mentions.Count);
    }
}
