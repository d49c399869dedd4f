using TestModels;
using TestModels.Onnx;

namespace EdcKg.Bench;

/// <summary>Runs <c>edckg bench corpus</c> on the tiny test models (a random-weight GGUF and ONNX encoder) unless models are given.</summary>
internal static class CorpusBench
{
    public static async Task RunAsync(string[] args)
    {
        var folder = Path.Combine(Path.GetTempPath(), "edckg-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var arguments = args.ToList();
            if (!arguments.Contains("--model"))
            {
                var model = Path.Combine(folder, "tiny.gguf");
                TinyLlamaGguf.Write(model);
                arguments.AddRange(["--model", model]);
            }

            if (!arguments.Contains("--embedder"))
            {
                arguments.AddRange(["--embedder", TinyEncoderFolder.Write(Path.Combine(folder, "encoder"), new TinyEncoderSpec { WriteQuantized = false })]);
            }

            await EdcKg.Cli.Program.BuildRootCommand().Parse(["bench", "corpus", .. arguments]).InvokeAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
