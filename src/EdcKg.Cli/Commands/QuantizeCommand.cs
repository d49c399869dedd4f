using System.CommandLine;
using System.Globalization;
using EdcKg.Cli.Commands.Options;
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
        }.Rule(name => QuantizationType.All.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
            ? null
            : $"'{name}' is not a quantization type; use one of {string.Join(", ", QuantizationType.All.Select(t => t.Name))}.");
        var threads = new Option<int?>("--threads") { Description = "CPU threads (default: all cores)." }.AtLeast(1);
        var library = new Option<DirectoryInfo?>("--llama-lib") { Description = "Folder holding libllama/libggml (default: EDCKG_LLAMA_LIB, then the installed runtime)." };

        var command = new Command("quantize", "Quantize a GGUF model with llama.cpp (for example f16 to Q4_K_M).");
        command.Arguments.Add(input);
        command.Arguments.Add(output);
        command.Options.Add(type);
        command.Options.Add(threads);
        command.Options.Add(library);
        return CommandAction.Set(command, async (parseResult, console, cancellationToken) =>
        {
            var target = QuantizationType.Parse(parseResult.GetValue(type)!);
            var source = parseResult.GetValue(input)!;
            var destination = parseResult.GetValue(output)!;
            if (!source.Exists)
            {
                throw new OptionValueException("input", $"the model '{source.FullName}' does not exist.");
            }

            var threadCount = parseResult.GetValue(threads);
            var lastReported = -1L;
            var progress = new Progress<QuantizationProgress>(p =>
            {
                var megabytes = p.BytesWritten / (1024 * 1024);
                if (megabytes != lastReported)
                {
                    lastReported = megabytes;
                    console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"quantize: {megabytes} MiB written of a {p.InputBytes / (1024.0 * 1024):F1} MiB input, {p.Elapsed.TotalSeconds:F1} s"));
                }
            });
            await new ModelQuantizer(parseResult.GetValue(library)?.FullName)
                .QuantizeAsync(source.FullName, destination.FullName, target, threadCount, progress, cancellationToken);

            var written = new FileInfo(destination.FullName).Length;
            await console.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"quantize: wrote {destination.FullName} ({target.Name}, {written / (1024.0 * 1024):F2} MiB, {(double)written / source.Length:P0} of the input)"));
            return ExitCodes.Success;
        }, "Nothing was written.");
    }
}
