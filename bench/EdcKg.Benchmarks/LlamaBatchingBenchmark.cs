using System.Diagnostics;
using System.Globalization;
using EdcKg.Core;
using EdcKg.Core.Prompts;
using EdcKg.Core.Stages;
using EdcKg.LlamaCpp;
using Microsoft.Extensions.AI;

namespace EdcKg.Benchmarks;

/// <summary>
/// Documents per second of the extraction (OIE) prompt on a local GGUF model, side by side in one process on the same
/// loaded model: the naive path (one document at a time, whole prompt evaluated each time, as EDC does); ours (every
/// document in flight at once, decoded together, the shared prompt prefix evaluated once), with free-text answers,
/// with the triple-list grammar, and warm (the prefix already cached, as for all but the first documents of a long
/// corpus); and the limit: every token that must be evaluated going through the model at the prompt-processing rate
/// measured in the same run (<see cref="PromptProcessingRate"/>).
/// </summary>
public sealed class LlamaBatchingBenchmark(LlamaBenchmarkSettings settings)
{
    // Room for the chat template's markers and the answer lead-in around a prompt.
    private const int TemplateSlack = 256;

    /// <summary>Runs every path, writes a side-by-side table to <paramref name="output"/> and returns the figures.</summary>
    /// <exception cref="LlamaException">The model or the native library cannot be loaded, or decoding failed.</exception>
    /// <exception cref="PromptTemplateException">A prompt file is missing or malformed.</exception>
    /// <exception cref="EdcKgUserException">The settings cannot work; the message names the setting's option.</exception>
    public async Task<LlamaBenchmarkResult> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (settings.Corpus.Count < settings.Documents)
        {
            throw new EdcKgUserException($"--docs: asks for {settings.Documents} documents but the input has {settings.Corpus.Count}.");
        }

        var template = settings.Prompts.ReadTemplate(PromptKind.OieTemplate);
        var examples = settings.Prompts.Read(PromptKind.OieFewShot).Text;
        var prompts = settings.Corpus.Take(settings.Documents)
            .Select(text => template.Fill(new Dictionary<string, string> { ["few_shot_examples"] = examples, ["input_text"] = text }))
            .ToList();
        var naivePrompts = prompts.Take(Math.Clamp(settings.NaiveDocuments ?? prompts.Count, 1, prompts.Count)).ToList();

        using var model = LlamaModel.Load(settings.ModelPath, new LlamaModelOptions { LibraryFolder = settings.LlamaLibrary });
        var tokenized = prompts.Select(p => model.Tokenize(model.ApplyChatTemplate([("user", p)]) + OpenExtraction.AnswerPrefix, true, true)).ToList();
        var longestPrompt = tokenized.Max(t => t.Length);
        var shared = tokenized.Skip(1).Aggregate(tokenized[0].Length - 1, (common, t) => Math.Min(common, tokenized[0].AsSpan().CommonPrefixLength(t)));
        var own = tokenized.Sum(t => (long)(t.Length - shared));
        var naiveContext = longestPrompt + settings.MaxOutputTokens + TemplateSlack;
        var batchedContext = settings.ContextSize
            ?? Math.Max(4096, longestPrompt + (settings.Parallelism * (longestPrompt - shared + settings.MaxOutputTokens + 64)));
        if (batchedContext < naiveContext)
        {
            throw new EdcKgUserException($"--context-size: {batchedContext} tokens cannot hold a prompt of {longestPrompt} tokens and {settings.MaxOutputTokens} answer tokens; give at least {naiveContext}.");
        }

        var free = Options(grammar: false);
        var constrained = Options(grammar: true);
        var batchedOptions = new LlamaChatClientOptions
        {
            Threads = settings.Threads, MaxParallelSequences = settings.Parallelism, ContextSize = batchedContext,
            BatchSize = settings.BatchSize, FlashAttention = settings.FlashAttention, KeyCache = settings.KeyCache,
        };

        // The rate is probed before the paths and after each round, and the best kept: the limit is then the strictest
        // the machine showed during the run. With several rounds every path keeps its fastest round too, so a burst of
        // load from other processes penalises neither the paths nor the limit more than the other.
        var rate = PromptProcessingRate.Measure(model, settings.BatchSize, settings.Threads, flashAttention: settings.FlashAttention, keyCache: settings.KeyCache);
        await Progress(output, $"prompt processing: {rate:F1} tokens/s; {prompts.Count} prompts of up to {longestPrompt} tokens, {shared} shared").ConfigureAwait(false);
        var naiveOptions = new LlamaChatClientOptions
        {
            Threads = settings.Threads, MaxParallelSequences = 1, PrefixCaching = false, ContextSize = naiveContext, BatchSize = settings.BatchSize, KeyCache = settings.KeyCache,
        };
        LlamaPathFigures? naive = null, batched = null, batchedGrammar = null, warm = null;
        for (var round = 1; round <= settings.Rounds; round++)
        {
            var label = settings.Rounds > 1 ? $"round {round}: " : "";
            var naiveRound = await MeasureAsync(model, naiveOptions, naivePrompts, free, concurrent: false, warmUp: false, cancellationToken).ConfigureAwait(false);
            await Progress(output, $"{label}naive: {naiveRound.DocumentsPerSecond:F3} docs/s").ConfigureAwait(false);
            var batchedRound = await MeasureAsync(model, batchedOptions, prompts, free, concurrent: true, warmUp: false, cancellationToken).ConfigureAwait(false);
            await Progress(output, $"{label}ours: {batchedRound.DocumentsPerSecond:F3} docs/s").ConfigureAwait(false);
            var grammarRound = await MeasureAsync(model, batchedOptions, prompts, constrained, concurrent: true, warmUp: false, cancellationToken).ConfigureAwait(false);
            await Progress(output, $"{label}ours + grammar: {grammarRound.DocumentsPerSecond:F3} docs/s").ConfigureAwait(false);
            var warmRound = await MeasureAsync(model, batchedOptions, prompts, free, concurrent: true, warmUp: true, cancellationToken).ConfigureAwait(false);
            await Progress(output, $"{label}ours, warm: {warmRound.DocumentsPerSecond:F3} docs/s").ConfigureAwait(false);
            var probe = PromptProcessingRate.Measure(model, settings.BatchSize, settings.Threads, flashAttention: settings.FlashAttention, keyCache: settings.KeyCache);
            await Progress(output, $"{label}prompt processing: {probe:F1} tokens/s").ConfigureAwait(false);
            rate = Math.Max(rate, probe);
            (naive, batched, batchedGrammar, warm) = (Faster(naive, naiveRound), Faster(batched, batchedRound), Faster(batchedGrammar, grammarRound), Faster(warm, warmRound));
        }

        var result = new LlamaBenchmarkResult(rate, shared, own, naive!, batched!, batchedGrammar!, warm!, PeakMemory.ResidentMegabytes()) { Rounds = settings.Rounds };
        await WriteTableAsync(output, tokenized, result).ConfigureAwait(false);
        return result;
    }

    private static LlamaPathFigures Faster(LlamaPathFigures? best, LlamaPathFigures round) =>
        best is null || round.DocumentsPerSecond > best.DocumentsPerSecond ? round : best;

    private static Task Progress(TextWriter output, FormattableString line) =>
        output.WriteLineAsync("... " + line.ToString(CultureInfo.InvariantCulture));

    private ChatOptions Options(bool grammar)
    {
        var options = new ChatOptions
        {
            Temperature = 0,
            MaxOutputTokens = settings.MaxOutputTokens,
            AdditionalProperties = new() { [ChatOptionKeys.AnswerPrefix] = OpenExtraction.AnswerPrefix },
        };
        if (grammar)
        {
            options.AdditionalProperties[ChatOptionKeys.OutputShape] = new TripleListShape();
        }

        return options;
    }

    private static async Task<LlamaPathFigures> MeasureAsync(
        LlamaModel model, LlamaChatClientOptions clientOptions, List<string> prompts, ChatOptions options, bool concurrent, bool warmUp, CancellationToken cancellationToken)
    {
        using var client = new LlamaChatClient(model, clientOptions);
        if (warmUp)
        {
            // One document first, not counted: it leaves the shared prefix in the cache, as earlier documents of a
            // corpus do for later ones.
            await client.GetResponseAsync([new(ChatRole.User, prompts[0])], options, cancellationToken).ConfigureAwait(false);
        }

        var before = client.Statistics;
        var clock = Stopwatch.StartNew();
        if (concurrent)
        {
            // Every request is in flight at once; the client decodes up to its parallelism of them per llama_decode.
            await Task.WhenAll(prompts.Select(p => client.GetResponseAsync([new(ChatRole.User, p)], options, cancellationToken))).ConfigureAwait(false);
        }
        else
        {
            foreach (var prompt in prompts)
            {
                await client.GetResponseAsync([new(ChatRole.User, prompt)], options, cancellationToken).ConfigureAwait(false);
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var after = client.Statistics;
        return new LlamaPathFigures(
            prompts.Count,
            seconds,
            after.PromptTokensEvaluated - before.PromptTokensEvaluated,
            after.GeneratedTokens - before.GeneratedTokens,
            after.Decodes - before.Decodes)
        {
            AnswerSteps = after.AnswerSteps - before.AnswerSteps,
            AnswerStepTokens = after.AnswerStepTokens - before.AnswerStepTokens,
            AnswerStepSeconds = (after.AnswerStepTime - before.AnswerStepTime).TotalSeconds,
            PromptDecodeSeconds = (after.PromptDecodeTime - before.PromptDecodeTime).TotalSeconds,
        };
    }

    private async Task WriteTableAsync(TextWriter output, List<int[]> tokenized, LlamaBenchmarkResult result)
    {
        var threads = settings.Threads ?? Environment.ProcessorCount;
        var limit = result.LimitDocumentsPerSecond;
        var steady = result.SteadyLimitDocumentsPerSecond;
        var b = result.Batched;
        FormattableString Row(string label, LlamaPathFigures figures, double bound) =>
            $"{label,-44} {figures.DocumentsPerSecond,8:F3} {figures.TokensPerSecond,9:F1} {figures.PromptTokensPerDocument,12:F0} {figures.AnswerTokensPerDocument,8:F1} {figures.Decodes,8} {figures.DocumentsPerSecond / result.Naive.DocumentsPerSecond,7:F2}x {(bound > 0 ? figures.DocumentsPerSecond / bound : double.NaN),7:F2}";
        var lines = new FormattableString[]
        {
            $"model: {Path.GetFileName(settings.ModelPath)} ({new FileInfo(settings.ModelPath).Length / (1024.0 * 1024):F1} MiB), {threads} threads on {Environment.ProcessorCount} cores, batch {settings.BatchSize}, {settings.Parallelism} sequences at once, keys {settings.KeyCache}{(settings.Rounds > 1 ? $"; best of {settings.Rounds} rounds for every path and the prompt rate" : "")}",
            $"prompts: {settings.Prompts.PathOf(PromptKind.OieTemplate)} + {settings.Prompts.PathOf(PromptKind.OieFewShot)}",
            $"{tokenized.Count} documents: prompts of {tokenized.Min(t => t.Length)}..{tokenized.Max(t => t.Length)} tokens (mean {tokenized.Average(t => t.Length):F0}), {result.SharedPrefixTokens} of them shared; at most {settings.MaxOutputTokens} answer tokens",
            $"prompt processing (llama_decode of {settings.BatchSize} tokens): {result.PromptRate:F1} tokens/s",
            $"{"path",-44} {"docs/s",8} {"tokens/s",9} {"prompt tok/doc",12} {"answer",8} {"decodes",8} {"vs naive",8} {"vs limit",8}",
            Row($"naive (one at a time, no cache), {result.Naive.Documents} docs", result.Naive, 0),
            Row($"ours: batched x{settings.Parallelism} + prefix cache", result.Batched, limit),
            Row("ours + triple-list grammar", result.BatchedGrammar, limit),
            Row("ours, prefix already cached (steady state)", result.BatchedWarm, steady),
            $"{"limit: this run's tokens at the prompt rate",-44} {limit,8:F3}",
            $"{"limit without the prefix (long corpus)",-44} {steady,8:F3}",
            $"where ours goes: {b.PromptDecodeSeconds:F1} s in {b.Decodes - b.AnswerSteps} decodes with prompt tokens ({b.PromptTokensEvaluated / b.PromptDecodeSeconds:F1} prompt tokens/s), {b.AnswerStepSeconds:F1} s in {b.AnswerSteps} answer steps of {(double)b.AnswerStepTokens / Math.Max(1, b.AnswerSteps):F1} tokens ({b.AnswerStepSeconds * 1000 / Math.Max(1, b.AnswerSteps):F0} ms each: an answer token costs {b.AnswerTokenCost(result.PromptRate):F2} prompt tokens at the probe's rate), {b.Seconds - b.PromptDecodeSeconds - b.AnswerStepSeconds:F1} s outside llama_decode",
            $"grammar cost: {1 - (result.BatchedGrammar.TokensPerSecond / result.Batched.TokensPerSecond):P1} of tokens/s ({1 - (result.BatchedGrammar.DocumentsPerSecond / result.Batched.DocumentsPerSecond):P1} of docs/s); peak RSS {result.PeakResidentMegabytes:F0} MB",
        };
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }
    }
}
