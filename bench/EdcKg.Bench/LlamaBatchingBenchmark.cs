using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdcKg.Core.Prompts;
using EdcKg.LlamaCpp;
using Microsoft.Extensions.AI;
using TestModels;

namespace EdcKg.Bench;

/// <summary>
/// Documents per second of EDC's extraction (OIE) prompt on a local GGUF: the naive path (one document at a time,
/// whole prompt evaluated each time, as EDC does) against batched decoding with the shared prefix cached, in one run.
/// Options: --model M.gguf (default: the tiny random-weight test model, written for the run), --docs N (default 32),
/// --parallel P (default 16), --threads N (default: all cores), --max-tokens T (default 48), --dataset NAME (default webnlg), --grammar (constrain
/// answers to the triple-list grammar; a random model then closes its list at once, so without it every answer
/// runs to --max-tokens and the generation phase is measured too), --json.
/// </summary>
internal static class LlamaBatchingBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var model = Option(args, "--model");
        var docs = int.Parse(Option(args, "--docs") ?? "32", CultureInfo.InvariantCulture);
        var parallel = int.Parse(Option(args, "--parallel") ?? "16", CultureInfo.InvariantCulture);
        var maxTokens = int.Parse(Option(args, "--max-tokens") ?? "48", CultureInfo.InvariantCulture);
        var dataset = Option(args, "--dataset") ?? "webnlg";
        var json = args.Contains("--json");
        var grammar = args.Contains("--grammar");
        int? threads = Option(args, "--threads") is { } t ? int.Parse(t, CultureInfo.InvariantCulture) : null;

        var edc = SharedEdcFolder();
        var template = File.ReadAllText(Path.Combine(edc, "prompt_templates", "oie_template.txt"));
        var examples = File.ReadAllText(Path.Combine(edc, "few_shot_examples", dataset, "oie_few_shot_examples.txt"));
        var texts = File.ReadLines(Path.Combine(edc, "datasets", dataset + ".txt")).Where(l => l.Length > 0).Take(docs).ToList();
        var prompts = texts.Select(t => template.Replace("{few_shot_examples}", examples).Replace("{input_text}", t)).ToList();

        string? temporary = null;
        if (model is null)
        {
            temporary = Directory.CreateTempSubdirectory("edckg-bench-").FullName;
            model = Path.Combine(temporary, "random-llama.gguf");
            TinyLlamaGguf.Write(model);
        }

        try
        {
            using var loaded = LlamaModel.Load(model);
            var options = new ChatOptions
            {
                Temperature = 0,
                MaxOutputTokens = maxTokens,
                AdditionalProperties = new() { [ChatOptionKeys.AnswerPrefix] = "Triplets: " },
            };
            if (grammar)
            {
                options.AdditionalProperties[ChatOptionKeys.OutputShape] = new TripleListShape();
            }

            var promptTokens = loaded.Tokenize(loaded.ApplyChatTemplate([("user", prompts[0])]), true, true).Length;
            var contextSize = Math.Max(4096, promptTokens + (parallel * (promptTokens / 4 + maxTokens + 64)));

            var naive = await Measure(loaded, new LlamaChatClientOptions { Threads = threads, MaxParallelSequences = 1, PrefixCaching = false, ContextSize = promptTokens + maxTokens + 256 }, prompts, options, concurrent: false);
            var batched = await Measure(loaded, new LlamaChatClientOptions { Threads = threads, MaxParallelSequences = parallel, ContextSize = contextSize }, prompts, options, concurrent: true);
            var peakMb = PeakResidentMegabytes();

            Console.WriteLine($"model: {Path.GetFileName(model)} ({new FileInfo(model).Length / (1024.0 * 1024):F1} MiB), {docs} documents of {dataset}, ~{promptTokens} prompt tokens each, {maxTokens} answer tokens at most, {threads ?? Environment.ProcessorCount} threads on {Environment.ProcessorCount} cores");
            Console.WriteLine($"{"path",-34} {"docs/s",10} {"prompt tokens evaluated/doc",28} {"answer tokens/doc",18} {"decodes",8}");
            Console.WriteLine($"{"naive (one at a time, no cache)",-34} {naive.DocsPerSecond,10:F2} {naive.PromptPerDoc,28:F0} {naive.AnswerPerDoc,18:F1} {naive.Decodes,8}");
            Console.WriteLine($"{$"batched x{parallel} + prefix cache",-34} {batched.DocsPerSecond,10:F2} {batched.PromptPerDoc,28:F0} {batched.AnswerPerDoc,18:F1} {batched.Decodes,8}");
            Console.WriteLine($"speed-up: {batched.DocsPerSecond / naive.DocsPerSecond:F2}x documents/s; prompt work {naive.PromptPerDoc / batched.PromptPerDoc:F1}x less; peak RSS {peakMb:F0} MB");
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, double>
                {
                    ["naive_docs_per_s"] = Math.Round(naive.DocsPerSecond, 3),
                    ["batched_docs_per_s"] = Math.Round(batched.DocsPerSecond, 3),
                    ["naive_prompt_tokens_per_doc"] = Math.Round(naive.PromptPerDoc, 1),
                    ["batched_prompt_tokens_per_doc"] = Math.Round(batched.PromptPerDoc, 1),
                    ["peak_rss_mb"] = Math.Round(peakMb, 1),
                }));
            }

            return 0;
        }
        finally
        {
            if (temporary is not null)
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    private static async Task<(double DocsPerSecond, double PromptPerDoc, double AnswerPerDoc, long Decodes)> Measure(
        LlamaModel model, LlamaChatClientOptions clientOptions, List<string> prompts, ChatOptions options, bool concurrent)
    {
        using var client = new LlamaChatClient(model, clientOptions);
        var clock = Stopwatch.StartNew();
        if (concurrent)
        {
            await Task.WhenAll(prompts.Select(p => client.GetResponseAsync([new(ChatRole.User, p)], options)));
        }
        else
        {
            foreach (var prompt in prompts)
            {
                await client.GetResponseAsync([new(ChatRole.User, prompt)], options);
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var statistics = client.Statistics;
        return (prompts.Count / seconds, (double)statistics.PromptTokensEvaluated / prompts.Count, (double)statistics.GeneratedTokens / prompts.Count, statistics.Decodes);
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static string SharedEdcFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EdcKg.sln")))
            {
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "edc"));
            }
        }

        throw new DirectoryNotFoundException("No EdcKg.sln above the benchmark; run it from the repository.");
    }

    private static double PeakResidentMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
