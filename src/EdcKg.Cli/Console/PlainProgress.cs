using System.Diagnostics;
using System.Globalization;
using EdcKg.Core.Pipeline;

namespace EdcKg.Cli.Console;

/// <summary>
/// Progress as plain lines for logs and pipes: a line when a stage starts, then at most one line every few seconds
/// with documents done, documents per second and the estimated time left, and a line when the stage ends.
/// </summary>
public sealed class PlainProgress(TextWriter writer, TimeSpan? interval = null) : IRunProgress
{
    private readonly TimeSpan every = interval ?? TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public IStageProgress BeginStage(string stage, int iteration, int total, int alreadyDone)
    {
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[iter{iteration}] {StageLabels.Of(stage)}: {total - alreadyDone} of {total} documents to do{(alreadyDone > 0 ? $" (resuming, {alreadyDone} done)" : string.Empty)}"));
        return new Stage(writer, every, StageLabels.Of(stage), iteration, total, alreadyDone);
    }

    private sealed class Stage(TextWriter writer, TimeSpan every, string label, int iteration, int total, int resumedFrom) : IStageProgress
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly object gate = new();
        private readonly int resumedAt = resumedFrom;
        private int done = resumedFrom;
        private TimeSpan lastReport;

        public void Advance()
        {
            lock (gate)
            {
                done++;
                if (clock.Elapsed - lastReport < every || done == total)
                {
                    return;
                }

                lastReport = clock.Elapsed;
                writer.WriteLine(Line());
            }
        }

        public void Dispose()
        {
            lock (gate)
            {
                writer.WriteLine(Line() + " done");
            }
        }

        private string Line()
        {
            var rate = (done - resumedAt) / Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
            var left = rate > 0 ? TimeSpan.FromSeconds((total - done) / rate) : TimeSpan.Zero;
            return string.Create(CultureInfo.InvariantCulture, $"[iter{iteration}] {label}: {done}/{total} documents, {rate:F1} docs/s, ETA {left:hh\\:mm\\:ss}");
        }
    }
}
