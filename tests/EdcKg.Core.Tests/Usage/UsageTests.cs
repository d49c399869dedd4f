using System.Text.Json;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Tests.Pipeline;
using EdcKg.Core.Usage;
using TestModels;

namespace EdcKg.Core.Tests.Usage;

public sealed class UsageTests
{
    [Fact]
    public async Task UsageCountsTheRequestsAndTokensThatReachedEachRolesModel()
    {
        using var folder = TestPaths.TempDirectory();
        var corpus = TestRuns.Corpus("Alice works_for Acme. Acme located_in Paris.", "Bob works_for Initech. Bob born_in Lyon.");
        var chat = new ScriptedChatClient();
        var (_, pipeline) = await TestRuns.RunAsync(corpus, Path.Combine(folder, "out"), new EdcSettings(), chat);

        var lines = pipeline.Usage.Lines();
        Assert.Equal(["oie", "sc", "sc_embedder", "sd"], lines.Select(l => l.Role));
        Assert.Equal(chat.Calls, lines.Where(l => l.Role is "oie" or "sd" or "sc").Sum(l => l.Requests));
        Assert.Equal(2, lines.Single(l => l.Role == "oie").Requests);
        Assert.All(lines.Where(l => l.Role != "sc_embedder"), l => Assert.True(l.InputTokens > 0));
        Assert.All(lines.Where(l => l.Role is "oie" or "sd"), l => Assert.True(l.OutputTokens > 0));
        Assert.All(lines, l => Assert.Equal("sc_embedder" == l.Role ? "hashing-64" : "scripted", l.Model));

        // A repeated run is answered from the run store: nothing reaches a model.
        var (_, again) = await TestRuns.RunAsync(corpus, Path.Combine(folder, "out"), new EdcSettings(), new ScriptedChatClient());
        Assert.Empty(again.Usage.Lines());
    }

    [Fact]
    public void TheReportPricesTokensPerThousand()
    {
        var lines = new[] { new UsageLine("oie", "m", 3, 1, 2000, 500, TimeSpan.FromSeconds(1.5)) };
        var prices = new UsagePrices(0.5m, 2m);
        using var json = JsonDocument.Parse(UsageReport.ToJson(lines, prices));
        Assert.Equal(2.0m, json.RootElement.GetProperty("lines")[0].GetProperty("cost").GetDecimal());
        Assert.Equal(2.0m, json.RootElement.GetProperty("total").GetProperty("cost").GetDecimal());
        Assert.Equal(1, json.RootElement.GetProperty("total").GetProperty("failedRequests").GetInt32());
        Assert.Equal("3,2000,500,1.5,2", UsageReport.ToManifest(lines, prices)["info.usage.oie.m"]);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(UsageReport.ToJson(lines, null)).RootElement.GetProperty("total").GetProperty("cost").ValueKind);
    }
}
