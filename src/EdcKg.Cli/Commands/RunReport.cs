using System.Globalization;
using EdcKg.Cli.Console;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Storage;
using EdcKg.Core.Usage;
using EdcKg.OpenAi;

namespace EdcKg.Cli.Commands;

/// <summary>The end of a run or merge: this invocation's usage (printed, in <c>usage.json</c> and the manifest) and failed documents.</summary>
internal static class RunReport
{
    /// <summary>Reports usage and failures; returns <see cref="ExitCodes.DocumentsFailed"/> when documents are unfinished.</summary>
    public static async Task<int> FinishAsync(CommandConsole console, RunSummary summary, UsageJournal journal, UsagePrices? prices, RunStore store, CancellationToken cancellationToken, IReadOnlyList<RemoteEndpoint>? endpoints = null)
    {
        var usage = journal.Invocations[^1].Lines;
        var used = (endpoints ?? []).Where(e => e.Attempts > 0).ToList();
        if (used.Count > 0)
        {
            // Attempts include retries, which usage (one line per answered request) does not show.
            console.Output.WriteLine("Endpoints:");
            foreach (var endpoint in used)
            {
                console.Output.WriteLine($"  {endpoint.BaseAddress}: {endpoint.Attempts} attempts, {endpoint.Failures} failed");
            }

            await store.WriteManifestAsync(used.ToDictionary(e => "info.endpoint." + e.BaseAddress, e => $"{e.Attempts},{e.Failures}"), cancellationToken).ConfigureAwait(false);
        }

        if (usage.Count > 0)
        {
            console.Output.WriteLine("Model usage (requests that reached a model; cached answers are free):");
            foreach (var line in usage)
            {
                var cost = line.CostAt(prices) is { } c ? string.Create(CultureInfo.InvariantCulture, $", cost {c:0.####}") : string.Empty;
                var failed = line.FailedRequests > 0 ? $", {line.FailedRequests} failed" : string.Empty;
                console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {line.Role,-11} {line.Model}: {line.Requests} requests{failed}, {line.InputTokens} prompt + {line.OutputTokens} completion tokens, {line.Elapsed.TotalSeconds:0.#} s{cost}"));
            }

            if (prices is not null)
            {
                console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  total cost {usage.Sum(l => l.CostAt(prices)!.Value):0.####}"));
            }
        }

        await journal.FlushAsync(cancellationToken).ConfigureAwait(false);
        await store.WriteManifestAsync(UsageReport.ToManifest(usage, prices), cancellationToken).ConfigureAwait(false);
        if (summary.Complete)
        {
            return ExitCodes.Success;
        }

        console.Error.WriteLine($"edckg: {summary.UnfinishedDocuments} of {summary.Documents} documents are unfinished because model requests kept failing:");
        foreach (var failure in summary.Failures)
        {
            var chunk = summary.Chunks > summary.Documents ? $" chunk {failure.ChunkIndex}" : string.Empty;
            console.Error.WriteLine($"  {failure.DocumentId} (position {failure.DocumentIndex}){chunk}, {failure.Stage} of iteration {failure.Iteration}: {failure.Error}");
        }

        console.Error.WriteLine("edckg: everything else is saved; run the same command again to retry them (exit code 3).");
        return ExitCodes.DocumentsFailed;
    }
}
