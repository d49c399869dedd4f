using System.Collections.Concurrent;
using System.Diagnostics;

namespace EdcKg.Core.Usage;

/// <summary>Counts requests, tokens and time per (role, model). Safe for concurrent use.</summary>
public sealed class UsageLedger
{
    private readonly ConcurrentDictionary<(string Role, string Model), Counters> counters = new();

    /// <summary>Records one request that took <paramref name="elapsed"/>.</summary>
    public void Record(string role, string model, long inputTokens, long outputTokens, TimeSpan elapsed, bool failed = false)
    {
        var c = counters.GetOrAdd((role, model), _ => new Counters());
        if (failed)
        {
            Interlocked.Increment(ref c.Failed);
        }
        else
        {
            Interlocked.Increment(ref c.Requests);
        }

        Interlocked.Add(ref c.InputTokens, inputTokens);
        Interlocked.Add(ref c.OutputTokens, outputTokens);
        Interlocked.Add(ref c.Ticks, elapsed.Ticks);
    }

    /// <summary>Times <paramref name="call"/> and records it, as failed when it throws.</summary>
    internal async Task<T> MeasureAsync<T>(string role, string model, Func<Task<T>> call, Func<T, (long Input, long Output)> tokens)
    {
        var started = Stopwatch.GetTimestamp();
        T result;
        try
        {
            result = await call().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch
        {
            Record(role, model, 0, 0, Stopwatch.GetElapsedTime(started), failed: true);
            throw;
        }

        var (input, output) = tokens(result);
        Record(role, model, input, output, Stopwatch.GetElapsedTime(started));
        return result;
    }

    /// <summary>The totals so far, ordered by role then model.</summary>
    public IReadOnlyList<UsageLine> Lines()
        => counters
            .Select(p => new UsageLine(p.Key.Role, p.Key.Model, Interlocked.Read(ref p.Value.Requests), Interlocked.Read(ref p.Value.Failed), Interlocked.Read(ref p.Value.InputTokens), Interlocked.Read(ref p.Value.OutputTokens), TimeSpan.FromTicks(Interlocked.Read(ref p.Value.Ticks))))
            .OrderBy(l => l.Role, StringComparer.Ordinal)
            .ThenBy(l => l.Model, StringComparer.Ordinal)
            .ToList();

    private sealed class Counters
    {
        public long Requests;
        public long Failed;
        public long InputTokens;
        public long OutputTokens;
        public long Ticks;
    }
}
