using System.Text.Json;
using TestModels;
using TestModels.Onnx;

namespace EdcKg.Cli.Tests;

public sealed class BenchCommandTests
{
    [Fact]
    public async Task BenchLlmReportsEveryPathAndTheLimitOnTheTinyModel()
    {
        var output = await BenchLlmOnTinyModelAsync("--docs", "4", "--naive-docs", "2", "--parallelism", "4", "--max-tokens", "4", "--threads", "1", "--json");
        var figures = LastJson(output);
        foreach (var key in new[]
        {
            "prompt_rate_tokens_per_s", "shared_prefix_tokens", "naive_docs_per_s", "batched_docs_per_s", "batched_grammar_docs_per_s", "batched_warm_docs_per_s",
            "limit_docs_per_s", "steady_limit_docs_per_s", "naive_tokens_per_s", "batched_tokens_per_s", "naive_prompt_tokens_per_doc", "batched_prompt_tokens_per_doc", "peak_rss_mb",
        })
        {
            Assert.True(figures.GetProperty(key).GetDouble() > 0, key);
        }

        // The prefix is evaluated once on our path, and not at all once it is cached.
        Assert.True(figures.GetProperty("batched_prompt_tokens_per_doc").GetDouble() < figures.GetProperty("naive_prompt_tokens_per_doc").GetDouble());
        Assert.True(figures.GetProperty("batched_warm_prompt_tokens_per_doc").GetDouble() < figures.GetProperty("batched_prompt_tokens_per_doc").GetDouble());
        Assert.True(figures.GetProperty("limit_docs_per_s").GetDouble() < figures.GetProperty("steady_limit_docs_per_s").GetDouble());

        // Where the batched path's time went: 4 answer tokens per document, the first from its prompt's decode, the
        // others from answer steps shared by the documents answering (one more step as the first runs one ahead).
        var steps = figures.GetProperty("batched_answer_steps").GetInt32();
        Assert.InRange(steps, 3, 4);
        Assert.True(figures.GetProperty("batched_answer_step_ms").GetDouble() > 0);
        Assert.True(figures.GetProperty("batched_prompt_decode_ms").GetDouble() > 0);
        Assert.True(figures.GetProperty("batched_answer_token_cost").GetDouble() > 0);
        Assert.Contains($"in {steps} answer steps of ", output);
    }

    [Fact]
    public async Task BenchLlmWithOneAnswerTokenHasNoAnswerStepsToCost()
    {
        var output = await BenchLlmOnTinyModelAsync("--docs", "2", "--naive-docs", "1", "--parallelism", "2", "--max-tokens", "1", "--threads", "1", "--json");
        var figures = LastJson(output);
        Assert.Equal(0, figures.GetProperty("batched_answer_steps").GetInt32());
        Assert.False(figures.TryGetProperty("batched_answer_token_cost", out _));
    }

    [Fact]
    public async Task BenchLlmInRoundsKeepsEachPathsFastestRound()
    {
        var output = await BenchLlmOnTinyModelAsync("--docs", "3", "--naive-docs", "1", "--parallelism", "3", "--max-tokens", "3", "--threads", "1", "--rounds", "2", "--key-cache", "F16", "--json");
        Assert.Contains("round 2: ours:", output);
        Assert.Contains("keys F16; best of 2 rounds", output);
        var figures = LastJson(output);
        Assert.Equal(2, figures.GetProperty("rounds").GetInt32());
        var rounds = System.Text.RegularExpressions.Regex.Matches(output, @"round \d: ours: ([0-9.]+) docs/s").Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, rounds.Count);
        Assert.Equal(rounds.Max(), figures.GetProperty("batched_docs_per_s").GetDouble(), 2);
    }

    [Fact]
    public async Task BenchPipelineRunsEveryStageOnBothPaths()
    {
        using var folder = CliRunner.TempDirectory();
        var model = Path.Combine(folder, "tiny.gguf");
        TinyLlamaGguf.Write(model);
        var encoder = TinyEncoderFolder.Write(Path.Combine(folder, "encoder"));
        var (code, output, error) = await Task.Run(() => CliRunner.RunAsync("bench", "pipeline", "--model", model, "--embedder", encoder, "--docs", "3", "--parallelism", "3", "--max-tokens", "100", "--threads", "1", "--rounds", "2", "--json"));
        Assert.True(code == ExitCodes.Success, error);
        var figures = LastJson(output);
        foreach (var key in new[] { "naive_docs_per_s", "ours_docs_per_s", "naive_llm_calls", "ours_llm_calls", "naive_answer_tokens", "ours_answer_tokens" })
        {
            Assert.True(figures.GetProperty(key).GetDouble() > 0, key);
        }

        // More than the three extraction calls: definitions and canonicalization ran too.
        Assert.True(figures.GetProperty("ours_llm_calls").GetDouble() > 3);
        Assert.True(figures.GetProperty("ours_prompt_tokens_evaluated").GetDouble() < figures.GetProperty("naive_prompt_tokens_evaluated").GetDouble());

        // Each stage's share: the stages run one after another, so their counters add up to the path's.
        foreach (var path in new[] { "naive", "ours" })
        {
            Assert.True(figures.GetProperty($"{path}_sd_llm_calls").GetDouble() > 0, path);
            foreach (var counter in new[] { "llm_calls", "prompt_tokens_evaluated", "answer_tokens" })
            {
                var stages = new[] { "oie", "sd", "sc" }.Sum(stage => figures.GetProperty($"{path}_{stage}_{counter}").GetDouble());
                Assert.Equal(figures.GetProperty($"{path}_{counter}").GetDouble(), stages);
            }
        }

        Assert.Contains("stage (naive / ours)", output);
        Assert.Contains("round 2: naive", output);
        Assert.Equal(2, figures.GetProperty("rounds").GetDouble());
        // Whether each stage stored the same outputs on both paths (so did the same work): said, not assumed.
        Assert.Matches(@"same outputs on both paths \(so the same work\): oie (yes|no), sd (yes|no), sc (yes|no)", output);
        foreach (var stage in new[] { "oie", "sd", "sc" })
        {
            var same = figures.GetProperty($"same_{stage}_outputs").GetDouble();
            Assert.Contains(same, new[] { 0.0, 1.0 });
            Assert.Contains($"{stage} {(same == 1 ? "yes" : "no")}", output);
            if (same == 1)
            {
                // The same answers in a stage mean the same questions asked and the same tokens written.
                Assert.Equal(figures.GetProperty($"naive_{stage}_llm_calls").GetDouble(), figures.GetProperty($"ours_{stage}_llm_calls").GetDouble());
                Assert.Equal(figures.GetProperty($"naive_{stage}_answer_tokens").GetDouble(), figures.GetProperty($"ours_{stage}_answer_tokens").GetDouble());
            }
        }
    }

    [Fact]
    public async Task BenchEmbedReportsBatchAndRetrievalFigures()
    {
        using var temp = CliRunner.TempDirectory();
        var model = TinyEncoderFolder.Write(Path.Combine(temp, "encoder"));
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

    [Theory]
    [InlineData("llm")]
    [InlineData("pipeline")]
    public async Task ZeroRoundsIsRefusedNamingTheOption(string benchmark)
    {
        var model = Path.Combine(CliRunner.SharedEdc, "datasets", "example.txt");
        string[] embedder = benchmark == "pipeline" ? ["--embedder", model] : [];
        var (code, _, error) = await CliRunner.RunAsync(["bench", benchmark, "--model", model, .. embedder, "--rounds", "0"]);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--rounds", error);
    }

    /// <summary>Runs <c>bench llm</c> with <paramref name="options"/> on a tiny model of its own; returns the output of a successful run.</summary>
    private static async Task<string> BenchLlmOnTinyModelAsync(params string[] options)
    {
        using var temp = CliRunner.TempDirectory();
        var model = Path.Combine(temp, "tiny.gguf");
        TinyLlamaGguf.Write(model);
        var (code, output, error) = await Task.Run(() => CliRunner.RunAsync(["bench", "llm", "--model", model, .. options]));
        Assert.True(code == ExitCodes.Success, error);
        return output;
    }

    private static JsonElement LastJson(string output)
        => JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]).RootElement.Clone();
}
