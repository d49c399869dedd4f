using System.Text.Json;
using EdcKg.Core.Usage;
using TestModels;

namespace EdcKg.Cli.Tests;

public sealed class RunUsageTests : IDisposable
{
    private readonly string folder = CliRunner.TempDirectory();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Run_usage_json_keeps_one_entry_per_invocation_of_the_output_folder()
    {
        var model = Path.Combine(folder, "tiny.gguf");
        TinyLlamaGguf.Write(model);
        var embedder = Path.Combine(folder, "tiny-bert.gguf");
        TinyBertGguf.Write(embedder);
        var corpus = CliRunner.WriteCorpus(folder, ["Clara Mendel was born in Graz.", "Leon Ash produced Quiet Harbour."]);
        var output = Path.Combine(folder, "out");
        string[] args = ["run", "--input-text-file-path", corpus, "--oie-llm", model, "--sc-embedder", embedder, "--output-dir", output, "--threads", "1", "--context-size", "4096"];

        var (first, _, firstError) = await CliRunner.InvokeAsync(args);
        var (second, _, secondError) = await CliRunner.InvokeAsync(args);

        Assert.True(first == ExitCodes.Success, firstError);
        Assert.True(second == ExitCodes.Success, secondError);
        using var usage = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, UsageReport.FileName)));
        var invocations = usage.RootElement.GetProperty("invocations").EnumerateArray().ToList();
        Assert.Equal(2, invocations.Count);
        Assert.True(invocations[0].GetProperty("total").GetProperty("requests").GetInt64() > 0);

        // The second invocation finds every answer in the run store: it reaches no model, and the totals are the first's.
        Assert.Equal(0, invocations[1].GetProperty("total").GetProperty("requests").GetInt64());
        Assert.Equal(invocations[0].GetProperty("total").GetProperty("requests").GetInt64(), usage.RootElement.GetProperty("total").GetProperty("requests").GetInt64());
    }
}
