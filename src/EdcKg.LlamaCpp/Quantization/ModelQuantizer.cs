using System.Diagnostics;
using EdcKg.LlamaCpp.Native;

namespace EdcKg.LlamaCpp.Quantization;

/// <summary>
/// Quantizes a GGUF model (typically f16 or f32) with <c>llama_model_quantize</c>. The output is written to a
/// temporary file beside the target and renamed at the end, so a failed or cancelled run leaves nothing half-written.
/// </summary>
public sealed class ModelQuantizer(string? libraryFolder = null)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Quantizes <paramref name="input"/> into <paramref name="output"/> as <paramref name="type"/>.</summary>
    /// <exception cref="LlamaException">The input is not a loadable GGUF or llama.cpp reports a failure.</exception>
    public async Task QuantizeAsync(
        string input, string output, QuantizationType type, int? threads = null,
        IProgress<QuantizationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(input);
        var target = Path.GetFullPath(output);
        if (!File.Exists(source))
        {
            throw new LlamaException($"The input model '{source}' does not exist.");
        }

        if (string.Equals(source, target, StringComparison.Ordinal))
        {
            throw new LlamaException($"The output '{target}' is the input; choose another file.");
        }

        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            throw new LlamaException($"The output folder '{folder}' does not exist.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        LlamaLibrary.Load(libraryFolder);
        var parameters = NativeMethods.llama_model_quantize_default_params();
        parameters.FileType = type.FileType;
        parameters.NThread = threads ?? Environment.ProcessorCount;
        var temporary = target + ".partial";
        var inputBytes = new FileInfo(source).Length;
        var clock = Stopwatch.StartNew();
        try
        {
            // The native call cannot be interrupted; it runs on a worker thread while we report the bytes written.
            var run = Task.Run(() => NativeMethods.llama_model_quantize(source, temporary, parameters), CancellationToken.None);
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(ProgressInterval, CancellationToken.None)).ConfigureAwait(false);
                progress?.Report(new QuantizationProgress(File.Exists(temporary) ? new FileInfo(temporary).Length : 0, inputBytes, clock.Elapsed));
            }

            var status = await run.ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (status != 0)
            {
                throw new LlamaException($"llama.cpp could not quantize '{source}' to {type.Name} (status {status}): is it a valid GGUF model?", (int)status);
            }

            File.Move(temporary, target, overwrite: true);
            progress?.Report(new QuantizationProgress(new FileInfo(target).Length, inputBytes, clock.Elapsed));
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
