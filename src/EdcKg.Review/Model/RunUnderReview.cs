using System.Globalization;
using System.Text.Json;
using EdcKg.Core.Corrections;
using EdcKg.Core.Storage;

namespace EdcKg.Review.Model;

/// <summary>
/// The run a review server serves: its run store opened read-write, its corrections, and the current
/// <see cref="RunReview"/>. A correction or undo is stored, the iteration files are rewritten with it, and the review
/// is rebuilt, one at a time; readers always see a whole review.
/// </summary>
internal sealed class RunUnderReview : IAsyncDisposable
{
    private readonly RunStore store;
    private readonly CorrectionStore corrections;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly TimeProvider time;
    private readonly StoredRun stored;
    private State state;

    private RunUnderReview(string runDirectory, RunStore store, StoredRun stored, CorrectionStore corrections, TimeProvider time, string user, State state)
    {
        RunDirectory = runDirectory;
        this.store = store;
        this.stored = stored;
        this.corrections = corrections;
        this.time = time;
        User = user;
        this.state = state;
    }

    public string RunDirectory { get; }

    public string User { get; }

    public RunReview Review => Volatile.Read(ref state).Review;

    public RecordedSpans Spans => Volatile.Read(ref state).Spans;

    /// <summary>Whether the run resolved entities (it wrote <c>entities.jsonl</c> in an iteration folder).</summary>
    public bool EntityResolution => Review.Iterations.Any(i => File.Exists(IterationFile(i.Iteration, "entities.jsonl")));

    public static async Task<RunUnderReview> OpenAsync(ReviewOptions options, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.RunDirectory);
        var store = RunStore.OpenExisting(directory);
        try
        {
            var corrections = CorrectionStore.Open(store.Path);
            var stored = await StoredRun.LoadAsync(store, cancellationToken).ConfigureAwait(false);
            var state = Build(stored, await corrections.LoadAsync(cancellationToken).ConfigureAwait(false), directory);
            return new RunUnderReview(directory, store, stored, corrections, options.Time, options.EffectiveUser, state);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stores <paramref name="correction"/> as this server's user's, rewrites the outputs and rebuilds the review.</summary>
    public async Task<(Correction Correction, int Rewritten)> CorrectAsync(Correction correction, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stored = await corrections.AddAsync(correction with { User = User, CreatedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
            return (stored, await RefreshAsync(cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Undoes correction <paramref name="id"/>; null when there is none.</summary>
    public async Task<(Correction Correction, int Rewritten)?> UndoAsync(long id, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var undone = await corrections.UndoAsync(id, User, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (undone is null)
            {
                return null;
            }

            return (undone, await RefreshAsync(cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The entity-resolution decisions the run wrote (<c>iter{k}/entity_decisions.jsonl</c>), as recorded.</summary>
    public IReadOnlyList<JsonElement> MergeDecisions(int? iteration)
    {
        var items = new List<JsonElement>();
        foreach (var figures in Review.Iterations.Where(i => iteration is null || i.Iteration == iteration))
        {
            var path = IterationFile(figures.Iteration, "entity_decisions.jsonl");
            if (!File.Exists(path))
            {
                continue;
            }

            foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
            {
                using var json = JsonDocument.Parse(line);
                items.Add(json.RootElement.Clone());
            }
        }

        return items;
    }

    public async ValueTask DisposeAsync()
    {
        corrections.Dispose();
        // The store stays open while serving: the run is the server's, read-write, for as long as it serves.
        await store.DisposeAsync().ConfigureAwait(false);
        gate.Dispose();
    }

    private async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        var all = await corrections.LoadAsync(cancellationToken).ConfigureAwait(false);
        var rewritten = await CorrectedOutputs.RewriteAsync(stored.Iterations, new CorrectionSet(all), RunDirectory, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref state, Build(stored, all, RunDirectory));
        return rewritten;
    }

    // Only fixed names under the run folder are ever read: no request names a file.
    private string IterationFile(int iteration, string name) => Path.Combine(RunDirectory, "iter" + iteration.ToString(CultureInfo.InvariantCulture), name);

    private static State Build(StoredRun stored, IReadOnlyList<Correction> corrections, string directory)
    {
        var review = RunReview.Build(stored, corrections);
        return new State(review, RecordedSpans.Read(directory, review.FinalIteration.Values.Distinct()));
    }

    private sealed record State(RunReview Review, RecordedSpans Spans);
}
