using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdcKg.Core.Outputs;

namespace EdcKg.Core.Usage;

/// <summary>Writes usage as <c>usage.json</c> and as <c>info.usage.*</c> manifest entries.</summary>
public static class UsageReport
{
    /// <summary>The file name of the usage report in a run's output folder.</summary>
    public const string FileName = "usage.json";

    /// <summary>The report as JSON: one entry per (role, model) and the totals.</summary>
    public static string ToJson(IReadOnlyList<UsageLine> lines, UsagePrices? prices)
    {
        var entries = new JsonArray();
        foreach (var line in lines)
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
                ["cost"] = line.CostAt(prices),
            });
        }

        var root = new JsonObject
        {
            ["lines"] = entries,
            ["total"] = new JsonObject
            {
                ["requests"] = lines.Sum(l => l.Requests),
                ["failedRequests"] = lines.Sum(l => l.FailedRequests),
                ["inputTokens"] = lines.Sum(l => l.InputTokens),
                ["outputTokens"] = lines.Sum(l => l.OutputTokens),
                ["cost"] = prices is null ? null : lines.Sum(l => l.CostAt(prices)!.Value),
            },
            ["prices"] = prices is null ? null : new JsonObject { ["inputPer1K"] = prices.InputPer1K, ["outputPer1K"] = prices.OutputPer1K },
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Writes <see cref="FileName"/> into <paramref name="outputDirectory"/> (atomically).</summary>
    public static Task WriteAsync(string outputDirectory, IReadOnlyList<UsageLine> lines, UsagePrices? prices, CancellationToken cancellationToken)
        => AtomicFile.WriteAllTextAsync(Path.Combine(outputDirectory, FileName), ToJson(lines, prices), cancellationToken);

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
