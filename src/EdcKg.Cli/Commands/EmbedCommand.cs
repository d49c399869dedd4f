using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdcKg.Cli.Commands.Options;
using EdcKg.Cli.ModelResolution;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;

namespace EdcKg.Cli.Commands;

/// <summary>
/// <c>edckg embed --model PATH [--query|--passage] [--json]</c>: embeds every line of standard input and prints one
/// vector per line, so an embedding model can be checked from the shell.
/// </summary>
internal static class EmbedCommand
{
    // Lines are embedded in chunks so long inputs stream out instead of waiting for the end of input.
    private const int LinesPerChunk = 256;

    /// <summary>Creates the command; <paramref name="input"/> supplies standard input (a reader in tests).</summary>
    public static Command Create(Func<TextReader> input)
    {
        var model = new Option<string>("--model")
        {
            Description = "A sentence-transformers ONNX model folder (or an .onnx file in one), or a .gguf embedding model.",
            Required = true,
        };
        var query = new Option<bool>("--query") { Description = "Embed the lines as queries (with the query prefix, or the instruction prompt when --instruction is given)." };
        var passage = new Option<bool>("--passage") { Description = "Embed the lines as passages (with the passage prefix); the default." };
        var instruction = new Option<string?>("--instruction") { Description = "Task instruction of --query lines for instruction-tuned models, used with --instruction-prompt." };
        var instructionPrompt = new Option<string?>("--instruction-prompt") { Description = "Query prompt with {instruction}, e.g. \"Instruct: {instruction}\\nQuery: \" (\\n is a line break)." };
        var json = new Option<bool>("--json") { Description = "Print each vector as a JSON array instead of space-separated numbers." };
        var queryPrefix = new Option<string?>("--query-prefix") { Description = "Prefix of queries, e.g. \"query: \" for e5 models (default: the model's own prompt, if any)." };
        var passagePrefix = new Option<string?>("--passage-prefix") { Description = "Prefix of passages, e.g. \"passage: \" for e5 models (default: the model's own prompt, if any)." };
        var threads = new Option<int>("--threads") { Description = "Threads of the model (0: one per core).", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var llamaLib = new Option<string?>("--llama-lib") { Description = "Folder of another llama.cpp build, for a .gguf model (else EDCKG_LLAMA_LIB, else the installed one)." };

        var command = new Command("embed", "Embed each line of standard input and print one vector per line.");
        foreach (var option in new Option[] { model, query, passage, json, queryPrefix, passagePrefix, instruction, instructionPrompt, threads, llamaLib })
        {
            command.Options.Add(option);
        }

        return CommandAction.Set(command, async (parseResult, console, cancellationToken) =>
        {
            var output = console.Output;
            var asQuery = parseResult.GetValue(query);
            if (asQuery && parseResult.GetValue(passage))
            {
                throw new OptionValueException("--query", "--query and --passage exclude each other: give at most one.");
            }

            await using var models = new ModelResolver(new ModelOptions
            {
                LlamaLibrary = parseResult.GetValue(llamaLib),
                Threads = parseResult.GetValue(threads),
                EmbeddingPrompts = new EmbeddingPrompts(
                    parseResult.GetValue(queryPrefix),
                    parseResult.GetValue(passagePrefix),
                    parseResult.GetValue(instructionPrompt)?.Replace("\\n", "\n", StringComparison.Ordinal)),
            });
            var embedder = models.Embedder(ModelRole.CanonicalizationEmbedder, parseResult.GetValue(model) ?? string.Empty, "--model");

            // The resolver disposes the embedder with everything else it opened.
            {
                var options = EmbeddingOptionKeys.For(asQuery ? EmbeddingRole.Query : EmbeddingRole.Passage, parseResult.GetValue(instruction));
                var reader = input();
                var chunk = new List<string>(LinesPerChunk);
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    chunk.Add(line);
                    if (chunk.Count == LinesPerChunk)
                    {
                        await WriteChunkAsync(embedder, chunk, options, parseResult.GetValue(json), output, cancellationToken);
                    }
                }

                await WriteChunkAsync(embedder, chunk, options, parseResult.GetValue(json), output, cancellationToken);
            }

            return ExitCodes.Success;
        });
    }

    private static async Task WriteChunkAsync(
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        List<string> lines,
        EmbeddingGenerationOptions options,
        bool json,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
        {
            return;
        }

        var embeddings = await embedder.GenerateAsync(lines, options, cancellationToken);
        foreach (var embedding in embeddings)
        {
            var vector = embedding.Vector.ToArray();
            await output.WriteLineAsync(json
                ? JsonSerializer.Serialize(vector)
                : string.Join(' ', vector.Select(x => x.ToString(CultureInfo.InvariantCulture))));
        }

        lines.Clear();
    }
}
