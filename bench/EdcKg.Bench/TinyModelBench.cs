using TestModels;
using TestModels.Onnx;

namespace EdcKg.Bench;

/// <summary>
/// Runs <c>edckg bench llm|pipeline|embed</c> on the tiny test models when no <c>--model</c> (or <c>--embedder</c>) is
/// given, so the measurements run anywhere; the measuring code is bench/EdcKg.Benchmarks, through the CLI's command.
/// For figures that hold on real model sizes, give the realistic-shape model (<c>realistic-model</c> prints its path).
/// </summary>
internal static class TinyModelBench
{
    public static Task<int> LlmAsync(string[] args) => RunAsync("llm", args, folder => Missing(args, "--model", () => TinyLlama(folder)));

    public static Task<int> PipelineAsync(string[] args) => RunAsync("pipeline", args, folder =>
        [.. Missing(args, "--model", () => TinyLlama(folder)), .. Missing(args, "--embedder", () => TinyEncoder(folder))]);

    public static Task<int> EmbedAsync(string[] args) => RunAsync("embed", args, folder => Missing(args, "--model", () => TinyEncoder(folder)));

    private static string TinyLlama(string folder)
    {
        var path = Path.Combine(folder, "tiny.gguf");
        TinyLlamaGguf.Write(path);
        return path;
    }

    private static string TinyEncoder(string folder) => TinyEncoderFolder.Write(Path.Combine(folder, "encoder"), new TinyEncoderSpec { WriteQuantized = false });

    private static string[] Missing(string[] args, string option, Func<string> write) => args.Contains(option) ? [] : [option, write()];

    private static async Task<int> RunAsync(string benchmark, string[] args, Func<string, string[]> tinyModels)
    {
        var folder = Path.Combine(Path.GetTempPath(), "edckg-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            return await EdcKg.Cli.Program.BuildRootCommand().Parse(["bench", benchmark, .. args, .. tinyModels(folder)]).InvokeAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
