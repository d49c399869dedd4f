using System.Diagnostics;
using System.Globalization;
using EdcKg.Core.Prompts;
using EdcKg.Core.Stages;
using EdcKg.LlamaCpp;
using Microsoft.Extensions.AI;

namespace EdcKg.Cli.Benchmarks;

/// <summary>
/// Documents per second of the extraction (OIE) prompt on a local GGUF model: the naive path (one document at a time,
/// whole prompt evaluated each time, as EDC does) against batched decoding with the shared prompt prefix cached, one
/// after the other in one process on the same loaded model.
/// </summary>
public sealed class LlamaBatchingBenchmark(LlamaBenchmarkSettings settings)
{
    // Room for the chat template's markers and the answer lead-in around a prompt.
    private const int TemplateSlack = 256;

    /// <summary>Runs both paths, writes a side-by-side table to <paramref name="output"/> and returns the figures.</summary>
    /// <exception cref="LlamaException">The model or the native library cannot be loaded, or decoding failed.</exception>
    /// <exception cref="PromptTemplateException">A prompt file is missing or malformed.</exception>
    /// <exception cref="OptionValueException">The settings cannot work; the message names the setting's option.</exception>
    public async Task<LlamaBenchmarkResult> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        if (settings.Corpus.Count < settings.Documents)
        {
            throw new OptionValueException("--docs", $"asks for {settings.Documents} documents but the input has {settings.Corpus.Count}.");
        }

        var template = settings.Prompts.ReadTemplate(PromptKind.OieTemplate);
        var examples = settings.Prompts.Read(PromptKind.OieFewShot).Text;
        var prompts = settings.Corpus.Take(settings.Documents)
            .Select(text => template.Fill(new Dictionary<string, string> { ["few_shot_examples"] = examples, ["input_text"] = text }))
            .ToList();

        using var model = LlamaModel.Load(settings.ModelPath, new LlamaModelOptions { LibraryFolder = settings.LlamaLibrary });
        var longestPrompt = prompts.Max(p => model.Tokenize(model.ApplyChatTemplate([("user", p)]), true, true).Length);
        var naiveContext = longestPrompt + settings.MaxOutputTokens + TemplateSlack;
        var batchedContext = settings.ContextSize
            ?? Math.Max(4096, longestPrompt + (settings.Parallelism * ((longestPrompt / 4) + settings.MaxOutputTokens + 64)));
        if (batchedContext < naiveContext)
        {
            throw new OptionValueException("--context-size", $"{batchedContext} tokens cannot hold a prompt of {longestPrompt} tokens and {settings.MaxOutputTokens} answer tokens; give at least {naiveContext}.");
        }

        var options = new ChatOptions
        {
            Temperature = 0,
            MaxOutputTokens = settings.MaxOutputTokens,
            AdditionalProperties = new() { [ChatOptionKeys.AnswerPrefix] = OpenExtraction.AnswerPrefix },
        };
        if (settings.Grammar)
        {
            options.AdditionalProperties[ChatOptionKeys.OutputShape] = new TripleListShape();
        }

        var naive = await MeasureAsync(
            model,
            new LlamaChatClientOptions { Threads = settings.Threads, MaxParallelSequences = 1, PrefixCaching = false, ContextSize = naiveContext },
            prompts,
            options,
            concurrent: false,
            cancellationToken).ConfigureAwait(false);
        var batched = await MeasureAsync(
            model,
            new LlamaChatClientOptions { Threads = settings.Threads, MaxParallelSequences = settings.Parallelism, ContextSize = batchedContext },
            prompts,
            options,
            concurrent: true,
            cancellationToken).ConfigureAwait(false);
        var result = new LlamaBenchmarkResult(naive, batched, PeakMemory.ResidentMegabytes());
        await WriteTableAsync(output, longestPrompt, result).ConfigureAwait(false);
        return result;
    }

    private static async Task<LlamaPathFigures> MeasureAsync(
        LlamaModel model, LlamaChatClientOptions clientOptions, List<string> prompts, ChatOptions options, bool concurrent, CancellationToken cancellationToken)
    {
        using var client = new LlamaChatClient(model, clientOptions);
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
        var statistics = client.Statistics;
        return new LlamaPathFigures(
            prompts.Count / seconds,
            (double)statistics.PromptTokensEvaluated / prompts.Count,
            (double)statistics.GeneratedTokens / prompts.Count,
            statistics.Decodes);
    }

    private async Task WriteTableAsync(TextWriter output, int promptTokens, LlamaBenchmarkResult result)
    {
        var (naive, batched) = (result.Naive, result.Batched);
        var threads = settings.Threads ?? Environment.ProcessorCount;
        var lines = new FormattableString[]
        {
            $"model: {Path.GetFileName(settings.ModelPath)} ({new FileInfo(settings.ModelPath).Length / (1024.0 * 1024):F1} MiB), {settings.Documents} documents, up to {promptTokens} prompt tokens each, {settings.MaxOutputTokens} answer tokens at most{(settings.Grammar ? " (triple-list grammar)" : string.Empty)}, {threads} threads on {Environment.ProcessorCount} cores",
            $"prompts: {settings.Prompts.PathOf(PromptKind.OieTemplate)} + {settings.Prompts.PathOf(PromptKind.OieFewShot)}",
            $"{"path",-34} {"docs/s",10} {"prompt tokens evaluated/doc",28} {"answer tokens/doc",18} {"decodes",8}",
            $"{"naive (one at a time, no cache)",-34} {naive.DocumentsPerSecond,10:F2} {naive.PromptTokensPerDocument,28:F0} {naive.AnswerTokensPerDocument,18:F1} {naive.Decodes,8}",
            $"{$"batched x{settings.Parallelism} + prefix cache",-34} {batched.DocumentsPerSecond,10:F2} {batched.PromptTokensPerDocument,28:F0} {batched.AnswerTokensPerDocument,18:F1} {batched.Decodes,8}",
            $"speed-up: {batched.DocumentsPerSecond / naive.DocumentsPerSecond:F2}x documents/s; prompt work {naive.PromptTokensPerDocument / Math.Max(1, batched.PromptTokensPerDocument):F1}x less; peak RSS {result.PeakResidentMegabytes:F0} MB",
        };
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }
    }
}
