using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Storage;
using EdcKg.LlamaCpp;
using Microsoft.Extensions.AI;

namespace EdcKg.Benchmarks;

/// <summary>
/// Documents per second of the whole of EDC (open extraction, schema definition, schema canonicalization) through the
/// real pipeline and run store on a local GGUF model, side by side in one process: naive (one document at a time, every
/// prompt evaluated whole, as EDC does) against ours (documents in flight together, decoded in one batch, the prompt
/// prefixes each stage's requests share evaluated once).
/// </summary>
public sealed class PipelineBenchmark(PipelineBenchmarkSettings settings, IEmbeddingGenerator<string, Embedding<float>> embedder)
{
    /// <summary>Runs both paths, writes the figures side by side to <paramref name="output"/> and returns them.</summary>
    /// <exception cref="LlamaException">The model or the native library cannot be loaded, or decoding failed.</exception>
    public async Task<PipelineBenchmarkResult> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        using var model = LlamaModel.Load(settings.ModelPath, new LlamaModelOptions { LibraryFolder = settings.LlamaLibrary });
        var corpus = settings.Corpus.Select((text, i) => new Document(i, i.ToString(CultureInfo.InvariantCulture), text)).ToList();
        var prompts = EdcPrompts.Load(settings.Prompts, refinement: false);
        PipelinePathFigures? naive = null, ours = null;
        for (var round = 1; round <= settings.Rounds; round++)
        {
            var naiveRound = await MeasureAsync(model, corpus, prompts, parallelism: 1, cancellationToken).ConfigureAwait(false);
            var oursRound = await MeasureAsync(model, corpus, prompts, settings.Parallelism, cancellationToken).ConfigureAwait(false);
            if (settings.Rounds > 1)
            {
                await output.WriteLineAsync(FormattableString.Invariant(
                    $"... round {round}: naive {naiveRound.Seconds:F1} s, ours {oursRound.Seconds:F1} s ({naiveRound.Seconds / oursRound.Seconds:F2}x; {naiveRound.Requests} / {oursRound.Requests} calls)")).ConfigureAwait(false);
            }

            (naive, ours) = (Faster(naive, naiveRound), Faster(ours, oursRound));
        }

        var result = new PipelineBenchmarkResult(naive!, ours!, PeakMemory.ResidentMegabytes()) { Rounds = settings.Rounds };
        var threads = settings.Threads ?? Environment.ProcessorCount;
        FormattableString[] lines =
        [
            $"model: {Path.GetFileName(settings.ModelPath)}, {threads} threads on {Environment.ProcessorCount} cores; {corpus.Count} documents through OIE, SD and SC ({(settings.Schema.Count > 0 ? $"target schema of {settings.Schema.Count} relations" : "self-canonicalization")}){(settings.Rounds > 1 ? $"; each path's fastest of {settings.Rounds} interleaved rounds" : "")}",
            $"{"path",-40} {"docs/s",8} {"seconds",8} {"LLM calls",9} {"prompt tok",10} {"evaluated",10} {"answer tok",10} {"triples",8}",
            Row("naive (one at a time, no cache)", result.Naive),
            Row($"ours (x{settings.Parallelism} in flight, prefix cache)", result.Ours),
            $"speed-up: {result.Ours.DocumentsPerSecond / result.Naive.DocumentsPerSecond:F2}x documents/s; prompt tokens evaluated {(double)result.Naive.PromptTokensEvaluated / Math.Max(1, result.Ours.PromptTokensEvaluated):F1}x fewer; peak RSS {result.PeakResidentMegabytes:F0} MB",
            $"{"stage (naive / ours)",-20} {"seconds",17} {"speed-up",8} {"in decode",15} {"LLM calls",9} {"evaluated",13} {"answer tok",11}",
            .. result.StagePairs().Select(p => StageRow(p.Stage, p.Naive, p.Ours)),
            $"same outputs on both paths (so the same work): {string.Join(", ", result.StagePairs().Select(p => $"{p.Stage} {(result.SameOutputs(p.Stage) ? "yes" : "no")}"))}",
        ];
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }

        return result;
    }

    private static PipelinePathFigures Faster(PipelinePathFigures? best, PipelinePathFigures round) =>
        best is null || round.Seconds < best.Seconds ? round : best;

    private static FormattableString StageRow(string stage, StageFigures? naive, StageFigures? ours) =>
        $"{stage,-20} {naive?.Seconds ?? 0,8:F1} /{ours?.Seconds ?? 0,7:F1} {(naive?.Seconds ?? 0) / Math.Max(1e-9, ours?.Seconds ?? 0),7:F2}x {naive?.DecodeSeconds ?? 0,6:F1} /{ours?.DecodeSeconds ?? 0,6:F1} {naive?.Requests ?? 0,4} /{ours?.Requests ?? 0,3} {naive?.PromptTokensEvaluated ?? 0,6} /{ours?.PromptTokensEvaluated ?? 0,5} {naive?.AnswerTokens ?? 0,5} /{ours?.AnswerTokens ?? 0,4}";

    private static FormattableString Row(string label, PipelinePathFigures f) =>
        $"{label,-40} {f.DocumentsPerSecond,8:F3} {f.Seconds,8:F1} {f.Requests,9} {f.PromptTokens,10} {f.PromptTokensEvaluated,10} {f.AnswerTokens,10} {f.CanonicalTriples,8}";

    /// <summary>A digest of each stage's stored outputs (every item's, in item order), named as the stage clock names it.</summary>
    private static async Task<Dictionary<string, string>> OutputDigestsAsync(RunStore store, IReadOnlyList<StageFigures> stages, CancellationToken cancellationToken)
    {
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var stage in stages.Select(s => s.Stage.Split('-')[0]).Distinct(StringComparer.Ordinal))
        {
            foreach (var iteration in await store.LoadIterationsAsync(stage, cancellationToken).ConfigureAwait(false))
            {
                var outputs = await store.LoadItemResultsAsync(iteration, stage, cancellationToken).ConfigureAwait(false);
                var text = string.Join('\n', outputs.OrderBy(o => o.Key.DocumentIndex).ThenBy(o => o.Key.ChunkIndex).Select(o => $"{o.Key.DocumentIndex}/{o.Key.ChunkIndex} {o.Value}"));
                digests[iteration == 0 ? stage : $"{stage}-{iteration + 1}"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
            }
        }

        return digests;
    }

    private async Task<PipelinePathFigures> MeasureAsync(LlamaModel model, List<Document> corpus, EdcPrompts prompts, int parallelism, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("edckg-bench-").FullName;
        try
        {
            var naive = parallelism == 1;
            using var client = new LlamaChatClient(model, new LlamaChatClientOptions
            {
                Threads = settings.Threads,
                MaxParallelSequences = parallelism,
                PrefixCaching = !naive,
                ContextSize = naive ? 4096 : Math.Max(8192, 2048 + (parallelism * 512)),
                GrammarLimits = settings.GrammarLimits,
            });
            var edc = new EdcSettings
            {
                Parallelism = parallelism,
                OpenExtractionMaxTokens = settings.OpenExtractionMaxTokens,
                SchemaDefinitionMaxTokens = settings.SchemaDefinitionMaxTokens,
            };
            var identities = new Dictionary<ModelRole, string> { [ModelRole.OpenExtraction] = "bench-llm", [ModelRole.SchemaDefinition] = "bench-llm", [ModelRole.SchemaCanonicalization] = "bench-llm", [ModelRole.CanonicalizationEmbedder] = "bench-embedder" };
            var clock = Stopwatch.StartNew();
            await using var store = RunStore.Open(folder);
            var stages = new StageClock(() => client.Statistics);
            var pipeline = new EdcPipeline(new EdcBackends(client, client, client, embedder), prompts, edc, store, identities, stages);
            var summary = await pipeline.RunAsync(corpus, settings.Schema, RunManifest.Create(corpus, settings.Schema, prompts, edc, identities), folder, cancellationToken).ConfigureAwait(false);
            var seconds = clock.Elapsed.TotalSeconds;
            var statistics = client.Statistics;
            return new PipelinePathFigures(corpus.Count, seconds, statistics.Requests, statistics.PromptTokens, statistics.PromptTokensEvaluated, statistics.GeneratedTokens, summary.CanonicalTriples)
            {
                Stages = stages.Stages,
                OutputDigests = await OutputDigestsAsync(store, stages.Stages, cancellationToken).ConfigureAwait(false),
            };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
