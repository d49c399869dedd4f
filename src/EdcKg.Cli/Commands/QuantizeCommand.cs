using System.CommandLine;
using System.Globalization;
using EdcKg.LlamaCpp;
using EdcKg.LlamaCpp.Quantization;

namespace EdcKg.Cli.Commands;

/// <summary><c>edckg quantize IN.gguf OUT.gguf --type Q4_K_M</c>: makes a locally quantized model from an f16/f32 GGUF.</summary>
internal static class QuantizeCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("input") { Description = "The GGUF model to quantize (usually f16 or f32)." };
        var output = new Argument<FileInfo>("output") { Description = "The quantized GGUF to write." };
        var type = new Option<string>("--type")
        {
            Description = "Target format: " + string.Join(", ", QuantizationType.All.Select(t => t.Name)) + ".",
            DefaultValueFactory = _ => "Q4_K_M",
        };
        var threads = new Option<int?>("--threads") { Description = "CPU threads (default: all cores)." };
        var library = new Option<DirectoryInfo?>("--llama-lib") { Description = "Folder holding libllama/libggml (default: EDCKG_LLAMA_LIB, then the installed runtime)." };

        var command = new Command("quantize", "Quantize a GGUF model with llama.cpp (for example f16 to Q4_K_M).");
        command.Arguments.Add(input);
        command.Arguments.Add(output);
        command.Options.Add(type);
        command.Options.Add(threads);
        command.Options.Add(library);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var console = parseResult.InvocationConfiguration.Output;
            var errors = parseResult.InvocationConfiguration.Error;
            QuantizationType target;
            try
            {
                target = QuantizationType.Parse(parseResult.GetValue(type)!);
            }
            catch (ArgumentException exception)
            {
                await errors.WriteLineAsync($"--type: {exception.Message.Split(" (Parameter")[0]}");
                return ExitCodes.BadInput;
            }

            var source = parseResult.GetValue(input)!;
            var destination = parseResult.GetValue(output)!;
            if (!source.Exists)
            {
                await errors.WriteLineAsync($"input: the model '{source.FullName}' does not exist.");
                return ExitCodes.BadInput;
            }

            var threadCount = parseResult.GetValue(threads);
            if (threadCount is < 1)
            {
                await errors.WriteLineAsync($"--threads: must be at least 1 (was {threadCount}).");
                return ExitCodes.BadInput;
            }

            var lastReported = -1L;
            var progress = new Progress<QuantizationProgress>(p =>
            {
                var megabytes = p.BytesWritten / (1024 * 1024);
                if (megabytes != lastReported)
                {
                    lastReported = megabytes;
                    console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"quantize: {megabytes} MiB written of a {p.InputBytes / (1024.0 * 1024):F1} MiB input, {p.Elapsed.TotalSeconds:F1} s"));
                }
            });
            try
            {
                await new ModelQuantizer(parseResult.GetValue(library)?.FullName)
                    .QuantizeAsync(source.FullName, destination.FullName, target, threadCount, progress, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await errors.WriteLineAsync("quantize: interrupted; nothing was written.");
                return ExitCodes.Interrupted;
            }
            catch (LlamaException exception)
            {
                await errors.WriteLineAsync($"quantize: {exception.Message}");
                return ExitCodes.Failure;
            }

            var written = new FileInfo(destination.FullName).Length;
            await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"quantize: wrote {destination.FullName} ({target.Name}, {written / (1024.0 * 1024):F2} MiB, {(double)written / source.Length:P0} of the input)"));
            return ExitCodes.Success;
        });
        return command;
    }
}
