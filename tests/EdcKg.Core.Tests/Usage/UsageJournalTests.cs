using System.Text.Json;
using EdcKg.Core.Usage;
using Microsoft.Extensions.Time.Testing;
using TestModels;

namespace EdcKg.Core.Tests.Usage;

public sealed class UsageJournalTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly string folder = TestPaths.TempDirectory();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task UsageJournal_writes_as_the_run_goes_so_a_killed_run_leaves_what_it_used()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var ledger = new UsageLedger();
        var journal = UsageJournal.Start(folder, ledger, null, time, Interval);
        var written = new SemaphoreSlim(0);
        journal.Written += () => written.Release();

        ledger.Record("oie", "m.gguf", 100, 20, TimeSpan.FromSeconds(1));
        time.Advance(Interval);
        Assert.True(await written.WaitAsync(TimeSpan.FromMinutes(1)), "the journal writes on its interval");

        // Read while the journal is still open: what a kill at this point would leave.
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, UsageReport.FileName))))
        {
            var invocation = Assert.Single(json.RootElement.GetProperty("invocations").EnumerateArray());
            Assert.Equal("2026-12-01T10:00:00.0000000+00:00", invocation.GetProperty("started").GetString());
            Assert.Equal(100, invocation.GetProperty("lines")[0].GetProperty("inputTokens").GetInt64());
            Assert.Equal(1, json.RootElement.GetProperty("total").GetProperty("requests").GetInt64());
        }

        await journal.DisposeAsync();
    }

    [Fact]
    public async Task UsageJournal_keeps_one_entry_per_invocation_and_totals_them()
    {
        var first = new UsageLedger();
        first.Record("oie", "m.gguf", 100, 20, TimeSpan.FromSeconds(1));
        await using (var journal = UsageJournal.Start(folder, first, new UsagePrices(1m, 2m), new FakeTimeProvider(), Interval))
        {
            await journal.FlushAsync(CancellationToken.None);
        }

        var second = new UsageLedger();
        second.Record("oie", "m.gguf", 50, 10, TimeSpan.FromSeconds(2));
        second.Record("sd", "m.gguf", 7, 3, TimeSpan.FromSeconds(1));
        await using (UsageJournal.Start(folder, second, null, new FakeTimeProvider(), Interval))
        {
        }

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, UsageReport.FileName)));
        var invocations = json.RootElement.GetProperty("invocations").EnumerateArray().ToList();
        Assert.Equal(2, invocations.Count);
        Assert.Equal(100, invocations[0].GetProperty("lines")[0].GetProperty("inputTokens").GetInt64());
        Assert.Equal(0.14m, invocations[0].GetProperty("total").GetProperty("cost").GetDecimal());
        Assert.Equal(2, invocations[1].GetProperty("lines").GetArrayLength());
        var oie = json.RootElement.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("role").GetString() == "oie");
        Assert.Equal(2, oie.GetProperty("requests").GetInt64());
        Assert.Equal(150, oie.GetProperty("inputTokens").GetInt64());
        Assert.Equal(3.0, oie.GetProperty("seconds").GetDouble());
        Assert.Equal(0.14m, oie.GetProperty("cost").GetDecimal());
        Assert.Equal(3, json.RootElement.GetProperty("total").GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task UsageJournal_adds_to_a_report_of_the_earlier_single_invocation_format()
    {
        var lines = new[] { new UsageLine("oie", "m.gguf", 3, 0, 2000, 500, TimeSpan.FromSeconds(1.5)) };
        File.WriteAllText(Path.Combine(folder, UsageReport.FileName), UsageReport.ToJson(lines, null));
        var ledger = new UsageLedger();
        ledger.Record("oie", "m.gguf", 10, 1, TimeSpan.FromSeconds(1));

        await using (UsageJournal.Start(folder, ledger, null, new FakeTimeProvider(), Interval))
        {
        }

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, UsageReport.FileName)));
        Assert.Equal(2, json.RootElement.GetProperty("invocations").GetArrayLength());
        Assert.Equal(2010, json.RootElement.GetProperty("lines")[0].GetProperty("inputTokens").GetInt64());
    }

    [Fact]
    public async Task UsageJournal_of_an_invocation_that_reached_no_model_writes_nothing()
    {
        var time = new FakeTimeProvider();
        await using (UsageJournal.Start(folder, new UsageLedger(), null, time, Interval))
        {
            time.Advance(Interval * 3);
        }

        Assert.False(File.Exists(Path.Combine(folder, UsageReport.FileName)));
    }
}
