using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdcKg.Core.Outputs;

namespace EdcKg.Core.Usage;

/// <summary>
/// Keeps a run's <c>usage.json</c>: one entry per invocation of a command on the output folder (the ones before are
/// read back and kept), and the totals over all of them. The current invocation's entry is rewritten as the run goes
/// (every <c>interval</c>, when its ledger changed), so a killed run leaves what it had used, and once more when the
/// journal is flushed or disposed. Each write replaces the file atomically.
/// </summary>
public sealed class UsageJournal : IAsyncDisposable
{
    private readonly string path;
    private readonly UsageLedger ledger;
    private readonly UsagePrices? prices;
    private readonly DateTimeOffset started;
    private readonly IReadOnlyList<UsageInvocation> earlier;
    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private readonly PeriodicTimer timer;
    private readonly Task loop;
    private string? written;

    private UsageJournal(string path, UsageLedger ledger, UsagePrices? prices, TimeProvider time, TimeSpan interval, IReadOnlyList<UsageInvocation> earlier)
    {
        this.path = path;
        this.ledger = ledger;
        this.prices = prices;
        this.earlier = earlier;
        started = time.GetUtcNow();
        timer = new PeriodicTimer(interval, time);
        loop = Task.Run(WriteAsTheRunGoesAsync);
    }

    /// <summary>Raised after each write of the file (for tests and progress displays).</summary>
    public event Action? Written;

    /// <summary>
    /// Starts the journal of an invocation whose requests <paramref name="ledger"/> counts, in
    /// <paramref name="outputDirectory"/> (which must exist).
    /// </summary>
    /// <exception cref="Inputs.InputException">The existing <c>usage.json</c> is not one this journal wrote.</exception>
    public static UsageJournal Start(string outputDirectory, UsageLedger ledger, UsagePrices? prices, TimeProvider time, TimeSpan interval)
    {
        var path = Path.Combine(outputDirectory, UsageReport.FileName);
        return new UsageJournal(path, ledger, prices, time, interval, File.Exists(path) ? Read(path) : []);
    }

    /// <summary>Every invocation so far, this one last.</summary>
    public IReadOnlyList<UsageInvocation> Invocations => [.. earlier, new UsageInvocation(started, ledger.Lines(), prices)];

    /// <summary>Writes the file now, with this invocation's entry as it stands (a command calls it when it ends).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var json = UsageReport.ToJson(Invocations);
            if (json != written)
            {
                await AtomicFile.WriteAllTextAsync(path, json, cancellationToken).ConfigureAwait(false);
                written = json;
            }
        }
        finally
        {
            writing.Release();
        }

        Written?.Invoke();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        timer.Dispose();
        await loop.ConfigureAwait(false);
        if (written is not null || ledger.Lines().Count > 0)
        {
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }

        stopping.Dispose();
        writing.Dispose();
    }

    private async Task WriteAsTheRunGoesAsync()
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token).ConfigureAwait(false))
            {
                // An invocation that has reached no model yet (say, one that stops on bad input) leaves the file alone.
                if (ledger.Lines().Count > 0)
                {
                    await FlushAsync(stopping.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed: the last write follows.
        }
    }

    private static List<UsageInvocation> Read(string path)
    {
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new JsonException("not an object");
            if (root["invocations"] is JsonArray invocations)
            {
                return [.. invocations.Select(i => Invocation(i!.AsObject()))];
            }

            // A usage.json of an earlier version held one invocation's lines at the top.
            return root["lines"] is JsonArray ? [Invocation(root)] : [];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new Inputs.InputException($"{path}: not a usage report edckg can add to ({e.Message}); move it away to start a new one.");
        }
    }

    private static UsageInvocation Invocation(JsonObject entry)
    {
        var started = entry["started"]?.GetValue<string>() is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : DateTimeOffset.MinValue;
        var lines = entry["lines"]!.AsArray().Select(l => new UsageLine(
            l!["role"]!.GetValue<string>(),
            l["model"]!.GetValue<string>(),
            l["requests"]!.GetValue<long>(),
            l["failedRequests"]?.GetValue<long>() ?? 0,
            l["inputTokens"]!.GetValue<long>(),
            l["outputTokens"]!.GetValue<long>(),
            TimeSpan.FromSeconds(l["seconds"]!.GetValue<double>()))).ToList();
        var prices = entry["prices"] is JsonObject p ? new UsagePrices(p["inputPer1K"]!.GetValue<decimal>(), p["outputPer1K"]!.GetValue<decimal>()) : null;
        return new UsageInvocation(started, lines, prices);
    }
}
