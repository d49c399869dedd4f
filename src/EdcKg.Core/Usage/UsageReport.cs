using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdcKg.Core.Usage;

/// <summary>Usage as the JSON of <c>usage.json</c> (written by <see cref="UsageJournal"/>) and as <c>info.usage.*</c> manifest entries.</summary>
public static class UsageReport
{
    /// <summary>The file name of the usage report in a run's output folder.</summary>
    public const string FileName = "usage.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The report as JSON: one entry per (role, model) and the totals.</summary>
    public static string ToJson(IReadOnlyList<UsageLine> lines, UsagePrices? prices)
        => Report(lines.Select(l => (l, l.CostAt(prices))).ToList(), prices).ToJsonString(Indented);

    /// <summary>
    /// The report of several invocations on one output folder: at the top, one entry per (role, model) and the totals
    /// over all of them (costs at each invocation's prices); under <c>invocations</c>, each invocation's own report
    /// with the time it started.
    /// </summary>
    public static string ToJson(IReadOnlyList<UsageInvocation> invocations)
    {
        var summed = invocations
            .SelectMany(i => i.Lines.Select(l => (Line: l, Cost: l.CostAt(i.Prices))))
            .GroupBy(x => (x.Line.Role, x.Line.Model))
            .OrderBy(g => g.Key.Role, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Model, StringComparer.Ordinal)
            .Select(g => (new UsageLine(
                g.Key.Role,
                g.Key.Model,
                g.Sum(x => x.Line.Requests),
                g.Sum(x => x.Line.FailedRequests),
                g.Sum(x => x.Line.InputTokens),
                g.Sum(x => x.Line.OutputTokens),
                TimeSpan.FromTicks(g.Sum(x => x.Line.Elapsed.Ticks))), g.Any(x => x.Cost is not null) ? g.Sum(x => x.Cost ?? 0) : (decimal?)null))
            .ToList();
        var root = Report(summed, invocations.LastOrDefault()?.Prices);
        var entries = new JsonArray();
        foreach (var invocation in invocations)
        {
            var entry = Report(invocation.Lines.Select(l => (l, l.CostAt(invocation.Prices))).ToList(), invocation.Prices);
            entry.Insert(0, "started", invocation.Started == DateTimeOffset.MinValue ? null : invocation.Started.ToString("O", CultureInfo.InvariantCulture));
            entries.Add(entry);
        }

        root["invocations"] = entries;
        return root.ToJsonString(Indented);
    }

    private static JsonObject Report(IReadOnlyList<(UsageLine Line, decimal? Cost)> lines, UsagePrices? prices)
    {
        var entries = new JsonArray();
        foreach (var (line, cost) in lines)
        {
            entries.Add(new JsonObject
            {
                ["role"] = line.Role,
                ["model"] = line.Model,
                ["requests"] = line.Requests,
                ["failedRequests"] = line.FailedRequests,
                ["inputTokens"] = line.InputTokens,
                ["outputTokens"] = line.OutputTokens,
                ["seconds"] = Math.Round(line.Elapsed.TotalSeconds, 3),
                ["cost"] = cost,
            });
        }

        return new JsonObject
        {
            ["lines"] = entries,
            ["total"] = new JsonObject
            {
                ["requests"] = lines.Sum(l => l.Line.Requests),
                ["failedRequests"] = lines.Sum(l => l.Line.FailedRequests),
                ["inputTokens"] = lines.Sum(l => l.Line.InputTokens),
                ["outputTokens"] = lines.Sum(l => l.Line.OutputTokens),
                ["cost"] = lines.Any(l => l.Cost is not null) ? lines.Sum(l => l.Cost ?? 0) : null,
            },
            ["prices"] = prices is null ? null : new JsonObject { ["inputPer1K"] = prices.InputPer1K, ["outputPer1K"] = prices.OutputPer1K },
        };
    }

    /// <summary>Manifest entries <c>info.usage.ROLE.MODEL = requests,input tokens,output tokens,seconds[,cost]</c>.</summary>
    public static Dictionary<string, string> ToManifest(IReadOnlyList<UsageLine> lines, UsagePrices? prices)
        => lines.ToDictionary(
            l => $"info.usage.{l.Role}.{l.Model}",
            l => string.Join(',', new[]
            {
                l.Requests.ToString(CultureInfo.InvariantCulture), l.InputTokens.ToString(CultureInfo.InvariantCulture),
                l.OutputTokens.ToString(CultureInfo.InvariantCulture), l.Elapsed.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
            }.Concat(prices is null ? [] : [l.CostAt(prices)!.Value.ToString("0.######", CultureInfo.InvariantCulture)])),
            StringComparer.Ordinal);
}
