using System.Text.Json;
using TestModels;
using TestModels.Onnx;

namespace EdcKg.Cli.Tests;

public sealed class BenchCommandTests
{
    [Fact]
    public async Task BenchLlmReportsBothPathsOnTheTinyModel()
    {
        var model = Path.Combine(CliRunner.TempDirectory(), "tiny.gguf");
        TinyLlamaGguf.Write(model);
        var (code, output, error) = await Task.Run(() => CliRunner.RunAsync("bench", "llm", "--model", model, "--docs", "4", "--parallelism", "4", "--max-tokens", "4", "--threads", "1", "--json"));
        Assert.True(code == ExitCodes.Success, error);
        var figures = LastJson(output);
        foreach (var key in new[] { "naive_docs_per_s", "batched_docs_per_s", "naive_prompt_tokens_per_doc", "batched_prompt_tokens_per_doc", "peak_rss_mb" })
        {
            Assert.True(figures.GetProperty(key).GetDouble() > 0, key);
        }

        Assert.True(figures.GetProperty("batched_prompt_tokens_per_doc").GetDouble() < figures.GetProperty("naive_prompt_tokens_per_doc").GetDouble());
    }

    [Fact]
    public async Task BenchEmbedReportsBatchAndRetrievalFigures()
    {
        var model = TinyEncoderFolder.Write(Path.Combine(CliRunner.TempDirectory(), "encoder"));
        var (code, output, error) = await Task.Run(() => CliRunner.RunAsync("bench", "embed", "--model", model, "--schema-size", "500", "--dimension", "64", "--rounds", "2", "--json"));
        Assert.True(code == ExitCodes.Success, error);
        var figures = LastJson(output);
        foreach (var key in new[] { "batch1_per_s", "batch32_per_s", "topk_simd_qps", "topk_scalar_qps" })
        {
            Assert.True(figures.GetProperty(key).GetDouble() > 0, key);
        }
    }

    [Fact]
    public async Task AMissingModelNamesTheOption()
    {
        var (code, _, error) = await CliRunner.RunAsync("bench", "llm", "--model", "/no/such/model.gguf");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--model", error);
    }

    private static JsonElement LastJson(string output)
        => JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]).RootElement.Clone();
}
