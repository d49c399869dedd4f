using System.CommandLine;
using System.Text.Json;
using EdcKg.Cli.Benchmarks;
using EdcKg.Cli.Console;
using EdcKg.Core.Prompts;

namespace EdcKg.Cli.Commands;

/// <summary>
/// <c>edckg bench llm|embed</c>: side-by-side measurements on a given model, one run each: batched and
/// prefix-cached extraction against the one-document-at-a-time path, and embedding and retrieval throughput.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure throughput on a model, side by side in one run (--json: the last line is one JSON object).");
        bench.Subcommands.Add(Llm());
        bench.Subcommands.Add(Embed());
        bench.Subcommands.Add(EntityBenchCommand.Create());
        return bench;
    }

    private static Command Llm()
    {
        var model = new Option<string>("--model") { Description = "The GGUF chat model.", Required = true };
        var docs = new Option<int>("--docs") { Description = "Documents to extract from.", DefaultValueFactory = _ => 32 };
        var parallelism = new Option<int>("--parallelism") { Description = "Documents decoded together on the batched path.", DefaultValueFactory = _ => 16 };
        var threads = new Option<int?>("--threads") { Description = "Threads for llama.cpp (default: its own choice)." };
        var contextSize = new Option<int?>("--context-size") { Description = "Context size in tokens (default: what the batch needs)." };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Answer length per document.", DefaultValueFactory = _ => 48 };
        var grammar = new Option<bool>("--grammar") { Description = "Constrain answers with the triple-list grammar." };
        var promptsDir = new Option<string?>("--prompts-dir") { Description = "Prompt templates (default: ours)." };
        var fewShotDir = new Option<string?>("--few-shot-dir") { Description = "Few-shot examples (default: ours; EDC's few_shot_examples/<dataset> works)." };
        var llamaLib = new Option<string?>("--llama-lib") { Description = "Folder of another llama.cpp build." };
        var json = new Option<bool>("--json") { Description = "End with one JSON object of the figures." };
        var command = new Command("llm", "OIE over N documents: the naive path (one document at a time, full prompt) against ours (batched, shared prefix evaluated once).");
        foreach (var option in new Option[] { model, docs, parallelism, threads, contextSize, maxTokens, grammar, promptsDir, fewShotDir, llamaLib, json })
        {
            command.Options.Add(option);
        }

        return CommandAction.Set(command, async (parseResult, console, cancellationToken) =>
        {
            var path = parseResult.GetValue(model)!;
            if (!File.Exists(path))
            {
                throw new OptionValueException("--model", $"the GGUF model '{path}' does not exist.");
            }

            var settings = new LlamaBenchmarkSettings
            {
                ModelPath = path,
                Prompts = new PromptSources(parseResult.GetValue(promptsDir) ?? InstalledPrompts.Templates, parseResult.GetValue(fewShotDir) ?? InstalledPrompts.FewShot),
                Corpus = BenchmarkCorpus.Documents(Math.Max(1, parseResult.GetValue(docs))),
                Documents = parseResult.GetValue(docs),
                Parallelism = parseResult.GetValue(parallelism),
                MaxOutputTokens = parseResult.GetValue(maxTokens),
                Threads = parseResult.GetValue(threads),
                ContextSize = parseResult.GetValue(contextSize),
                Grammar = parseResult.GetValue(grammar),
                LlamaLibrary = parseResult.GetValue(llamaLib),
            };
            return await RunAsync(console, parseResult.GetValue(json), async (output, ct) => (await new LlamaBatchingBenchmark(settings).RunAsync(output, ct).ConfigureAwait(false)).ToJsonFields(), cancellationToken).ConfigureAwait(false);
        });
    }

    private static Command Embed()
    {
        var model = new Option<string>("--model") { Description = "The embedding model (sentence-transformers ONNX folder or GGUF).", Required = true };
        var threads = new Option<int>("--threads") { Description = "Threads of one ONNX run.", DefaultValueFactory = _ => 1 };
        var schemaSize = new Option<int>("--schema-size") { Description = "Relations in the retrieval index.", DefaultValueFactory = _ => 10_000 };
        var dimension = new Option<int>("--dimension") { Description = "Dimension of the retrieval index.", DefaultValueFactory = _ => 384 };
        var rounds = new Option<int>("--rounds") { Description = "Interleaved measuring rounds (the best of each is kept).", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "End with one JSON object of the figures." };
        var command = new Command("embed", "Embeddings/s at batch size 1 vs 32, and top-10 queries/s of our retrieval vs a plain scalar loop.");
        foreach (var option in new Option[] { model, threads, schemaSize, dimension, rounds, json })
        {
            command.Options.Add(option);
        }

        return CommandAction.Set(command, async (parseResult, console, cancellationToken) =>
        {
            var settings = new EmbeddingBenchmarkSettings
            {
                ModelPath = parseResult.GetValue(model)!,
                Threads = parseResult.GetValue(threads),
                SchemaSize = parseResult.GetValue(schemaSize),
                Dimension = parseResult.GetValue(dimension),
                Rounds = parseResult.GetValue(rounds),
            };
            return await RunAsync(console, parseResult.GetValue(json), async (output, ct) => (await new EmbeddingBenchmark(settings).RunAsync(output, ct).ConfigureAwait(false)).ToJsonFields(), cancellationToken).ConfigureAwait(false);
        });
    }

    private static async Task<int> RunAsync(CommandConsole console, bool json, Func<TextWriter, CancellationToken, Task<IReadOnlyDictionary<string, double>>> measure, CancellationToken cancellationToken)
    {
        var figures = await measure(console.Output, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            console.Output.WriteLine(JsonSerializer.Serialize(figures));
        }

        return ExitCodes.Success;
    }
}
