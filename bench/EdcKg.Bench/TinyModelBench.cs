using TestModels;
using TestModels.Onnx;

namespace EdcKg.Bench;

/// <summary>
/// Runs <c>edckg bench llm</c> and <c>edckg bench embed</c> on the tiny test models when no <c>--model</c> is given,
/// so the measurements run anywhere; the measuring code is the CLI's.
/// </summary>
internal static class TinyModelBench
{
    public static Task<int> LlmAsync(string[] args) => RunAsync("llm", args, folder =>
    {
        var path = Path.Combine(folder, "tiny.gguf");
        TinyLlamaGguf.Write(path);
        return path;
    });

    public static Task<int> EmbedAsync(string[] args) => RunAsync("embed", args, folder => TinyEncoderFolder.Write(Path.Combine(folder, "encoder"), new TinyEncoderSpec { WriteQuantized = false }));

    private static async Task<int> RunAsync(string benchmark, string[] args, Func<string, string> writeTinyModel)
    {
        var folder = Path.Combine(Path.GetTempPath(), "edckg-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var arguments = args.Contains("--model") ? args : [.. args, "--model", writeTinyModel(folder)];
            return await EdcKg.Cli.Program.BuildRootCommand().Parse(["bench", benchmark, .. arguments]).InvokeAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
