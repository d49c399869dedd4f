using System.CommandLine;
using System.Text.Json;
using EdcKg.Benchmarks;
using EdcKg.Cli.Console;
using EdcKg.Cli.ModelResolution;
using EdcKg.Core.Inputs;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.LlamaCpp;

namespace EdcKg.Cli.Commands;

/// <summary>
/// <c>edckg bench llm|pipeline|embed</c>: side-by-side measurements on a given model, one run each: batched and
/// prefix-cached extraction against the one-document-at-a-time path and the compute limit, the whole pipeline naive
/// against ours, and embedding and retrieval throughput. The measuring lives in bench/EdcKg.Benchmarks; this command
/// only binds its options.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure throughput on a model, side by side in one run (--json: the last line is one JSON object).");
        bench.Subcommands.Add(Llm());
        bench.Subcommands.Add(Pipeline());
        bench.Subcommands.Add(Embed());
        bench.Subcommands.Add(EntityBenchCommand.Create());
        bench.Subcommands.Add(BenchCorpusCommand.Create());
        return bench;
    }

    private static Command Llm()
    {
        var model = new Option<string>("--model") { Description = "The GGUF chat model.", Required = true };
        var docs = new Option<int>("--docs") { Description = "Documents to extract from.", DefaultValueFactory = _ => 16 };
        var naiveDocs = new Option<int?>("--naive-docs") { Description = "Documents for the naive path (default: --docs); each costs the same, so fewer measure the same rate sooner." };
        var corpus = new Option<string?>("--corpus") { Description = "Documents, one per line (an EDC dataset file such as webnlg.txt); default: built-in sentences." };
        var parallelism = new Option<int>("--parallelism") { Description = "Documents decoded together on the batched path.", DefaultValueFactory = _ => 16 };
        var threads = new Option<int?>("--threads") { Description = "Threads for llama.cpp (default: one per core)." };
        var contextSize = new Option<int?>("--context-size") { Description = "Context size in tokens (default: what the batch needs)." };
        var batchSize = new Option<int>("--batch-size") { Description = "Most tokens per llama_decode (n_batch = n_ubatch).", DefaultValueFactory = _ => 512 };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Answer length per document.", DefaultValueFactory = _ => 48 };
        var promptsDir = new Option<string?>("--prompts-dir") { Description = "Prompt templates (default: ours)." };
        var fewShotDir = new Option<string?>("--few-shot-dir") { Description = "Few-shot examples (default: ours; EDC's few_shot_examples/<dataset> works)." };
        var llamaLib = new Option<string?>("--llama-lib") { Description = "Folder of another llama.cpp build." };
        var rounds = new Option<int>("--rounds") { Description = "Rounds of every path; each path keeps its fastest round and the limit the fastest prompt rate.", DefaultValueFactory = _ => 1 };
        var keyCache = new Option<KeyCacheType>("--key-cache") { Description = "KV cache key type of every path (F16 or Q8_0).", DefaultValueFactory = _ => KeyCacheType.Q8_0 };
        var json = new Option<bool>("--json") { Description = "End with one JSON object of the figures." };
        var command = new Command("llm", "OIE over N documents: the naive path (one document at a time, full prompt) against ours (batched, shared prefix evaluated once; free, grammar-constrained and warm), and the limit from the measured prompt-processing rate.");
        foreach (var option in new Option[] { model, docs, naiveDocs, corpus, parallelism, threads, contextSize, batchSize, maxTokens, promptsDir, fewShotDir, llamaLib, rounds, keyCache, json })
        {
            command.Options.Add(option);
        }

        return CommandAction.Set(command, async (parseResult, console, cancellationToken) =>
        {
            var path = ExistingFile(parseResult.GetValue(model)!, "--model")!;
            var documents = Math.Max(1, parseResult.GetValue(docs));
            var settings = new LlamaBenchmarkSettings
            {
                ModelPath = path,
                Prompts = Prompts(parseResult.GetValue(promptsDir), parseResult.GetValue(fewShotDir)),
                Corpus = Corpus(ExistingFile(parseResult.GetValue(corpus), "--corpus"), documents),
                Documents = documents,
                NaiveDocuments = parseResult.GetValue(naiveDocs),
                Parallelism = parseResult.GetValue(parallelism),
                MaxOutputTokens = parseResult.GetValue(maxTokens),
                Threads = parseResult.GetValue(threads),
                ContextSize = parseResult.GetValue(contextSize),
                BatchSize = parseResult.GetValue(batchSize),
                LlamaLibrary = parseResult.GetValue(llamaLib),
                KeyCache = parseResult.GetValue(keyCache),
                Rounds = AtLeastOne(parseResult.GetValue(rounds), "--rounds"),
            };
            return await RunAsync(console, parseResult.GetValue(json), async (output, ct) => (await new LlamaBatchingBenchmark(settings).RunAsync(output, ct).ConfigureAwait(false)).ToJsonFields(), cancellationToken).ConfigureAwait(false);
        });
    }

    private static Command Pipeline()
    {
        var model = new Option<string>("--model") { Description = "The GGUF chat model (OIE, SD and SC).", Required = true };
        var embedder = new Option<string>("--embedder") { Description = "The canonicalization embedder (sentence-transformers ONNX folder or GGUF).", Required = true };
        var docs = new Option<int>("--docs") { Description = "Documents to run.", DefaultValueFactory = _ => 16 };
        var corpus = new Option<string?>("--corpus") { Description = "Documents, one per line (an EDC dataset file such as webnlg.txt); default: built-in sentences." };
        var schema = new Option<string?>("--target-schema-path") { Description = "Target schema CSV (default: self-canonicalization)." };
        var parallelism = new Option<int>("--parallelism") { Description = "Documents in flight at once on our path.", DefaultValueFactory = _ => 16 };
        var threads = new Option<int?>("--threads") { Description = "Threads for llama.cpp (default: one per core)." };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Answer length of open extraction.", DefaultValueFactory = _ => 48 };
        var promptsDir = new Option<string?>("--prompts-dir") { Description = "Prompt templates (default: ours)." };
        var fewShotDir = new Option<string?>("--few-shot-dir") { Description = "Few-shot examples (default: ours; EDC's few_shot_examples/<dataset> works)." };
        var llamaLib = new Option<string?>("--llama-lib") { Description = "Folder of another llama.cpp build." };
        var rounds = new Option<int>("--rounds") { Description = "Interleaved rounds of both paths; each keeps its fastest.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "End with one JSON object of the figures." };
        var command = new Command("pipeline", "OIE, SD and SC end to end over N documents: the naive path (one document at a time, full prompts) against ours (batched, shared prefixes evaluated once).");
        foreach (var option in new Option[] { model, embedder, docs, corpus, schema, parallelism, threads, maxTokens, promptsDir, fewShotDir, llamaLib, rounds, json })
        {
            command.Options.Add(option);
        }

        return CommandAction.Set(command, async (parseResult, console, cancellationToken) =>
        {
            var documents = Math.Max(1, parseResult.GetValue(docs));
            var schemaPath = ExistingFile(parseResult.GetValue(schema), "--target-schema-path");
            var settings = new PipelineBenchmarkSettings
            {
                ModelPath = ExistingFile(parseResult.GetValue(model)!, "--model")!,
                Prompts = Prompts(parseResult.GetValue(promptsDir), parseResult.GetValue(fewShotDir)),
                Corpus = Corpus(ExistingFile(parseResult.GetValue(corpus), "--corpus"), documents),
                Schema = schemaPath is null ? [] : SchemaCsvReader.Read(schemaPath),
                Parallelism = parseResult.GetValue(parallelism),
                Threads = parseResult.GetValue(threads),
                OpenExtractionMaxTokens = parseResult.GetValue(maxTokens),
                LlamaLibrary = parseResult.GetValue(llamaLib),
                Rounds = AtLeastOne(parseResult.GetValue(rounds), "--rounds"),
            };
            return await RunAsync(console, parseResult.GetValue(json), async (output, ct) =>
            {
                await using var models = new ModelResolver(new ModelOptions { Threads = 1, LlamaLibrary = settings.LlamaLibrary });
                var sentenceEmbedder = models.Embedder(ModelRole.CanonicalizationEmbedder, parseResult.GetValue(embedder)!, "--embedder");
                return (await new PipelineBenchmark(settings, sentenceEmbedder).RunAsync(output, ct).ConfigureAwait(false)).ToJsonFields();
            }, cancellationToken).ConfigureAwait(false);
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
            return await RunAsync(console, parseResult.GetValue(json), async (output, ct) =>
            {
                await using var models = new ModelResolver(new ModelOptions { Threads = settings.Threads });
                var embedder = models.Embedder(ModelRole.CanonicalizationEmbedder, settings.ModelPath, "--model");
                return (await new EmbeddingBenchmark(settings, embedder).RunAsync(output, ct).ConfigureAwait(false)).ToJsonFields();
            }, cancellationToken).ConfigureAwait(false);
        });
    }

    private static int AtLeastOne(int value, string option) =>
        value >= 1 ? value : throw new OptionValueException(option, $"{value}: give at least 1.");

    private static string? ExistingFile(string? path, string option) =>
        path is null || File.Exists(path) ? path : throw new OptionValueException(option, $"the file '{path}' does not exist.");

    private static PromptSources Prompts(string? templates, string? fewShot) =>
        new(templates ?? InstalledPrompts.Templates, fewShot ?? InstalledPrompts.FewShot);

    private static IReadOnlyList<string> Corpus(string? path, int documents) =>
        path is null ? BenchmarkCorpus.Documents(documents) : File.ReadLines(path).Where(l => l.Trim().Length > 0).Take(documents).ToList();

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
