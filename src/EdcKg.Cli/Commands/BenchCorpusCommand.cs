using System.CommandLine;
using System.Text.Json;
using EdcKg.Benchmarks;
using EdcKg.Core.Prompts;
using EdcKg.Onnx;

namespace EdcKg.Cli.Commands;

/// <summary><c>edckg bench corpus</c>: the whole pipeline over generated long documents at two corpus sizes, with peak memory.</summary>
internal static class BenchCorpusCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The GGUF chat model (every chat stage).", Required = true };
        var embedder = new Option<string>("--embedder") { Description = "The sentence-transformers ONNX folder (canonicalization).", Required = true };
        var sizes = new Option<string>("--docs") { Description = "Corpus sizes, comma-separated, measured in order in one process.", DefaultValueFactory = _ => "100,1000" };
        var paragraphs = new Option<int>("--paragraphs") { Description = "Paragraphs of five sentences per document.", DefaultValueFactory = _ => 12 };
        var chunkTokens = new Option<int>("--chunk-max-tokens") { Description = "Most tokens of text per chunk.", DefaultValueFactory = _ => 256 };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Answer limit of every stage.", DefaultValueFactory = _ => 24 };
        var parallelism = new Option<int>("--parallelism") { Description = "Chunks decoded together.", DefaultValueFactory = _ => 16 };
        var threads = new Option<int?>("--threads") { Description = "Threads for llama.cpp (default: its own choice)." };
        var json = new Option<bool>("--json") { Description = "End with one JSON object of the figures." };
        var command = new Command("corpus", "Documents/s and chunks/s of reading, chunking, OIE, SD and SC over generated long documents, and peak memory at each corpus size.");
        foreach (var option in new Option[] { model, embedder, sizes, paragraphs, chunkTokens, maxTokens, parallelism, threads, json })
        {
            command.Options.Add(option);
        }

        return CommandAction.Set(command, async (parseResult, console, cancellationToken) =>
        {
            using var encoder = OnnxSentenceEmbedder.Open(parseResult.GetValue(embedder)!);
            var settings = new CorpusBenchmarkSettings
            {
                ModelPath = parseResult.GetValue(model)!,
                Embedder = encoder,
                Prompts = new PromptSources(InstalledPrompts.Templates, InstalledPrompts.FewShot),
                Sizes = parseResult.GetValue(sizes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(s => int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new OptionValueException("--docs", $"'{s}' is not a positive number of documents."))
                    .ToList(),
                Paragraphs = parseResult.GetValue(paragraphs),
                ChunkTokens = parseResult.GetValue(chunkTokens),
                MaxOutputTokens = parseResult.GetValue(maxTokens),
                Parallelism = parseResult.GetValue(parallelism),
                Threads = parseResult.GetValue(threads),
            };
            var figures = await new CorpusBenchmark(settings).RunAsync(console.Output, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                console.Output.WriteLine(JsonSerializer.Serialize(figures));
            }

            return ExitCodes.Success;
        });
    }
}
