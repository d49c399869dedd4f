using System.Diagnostics;
using EdcKg.Core.Pipeline;
using EdcKg.LlamaCpp;

namespace EdcKg.Benchmarks;

/// <summary>
/// Times each stage of a pipeline run from the start to the end the pipeline reports, and reads the chat client's
/// counters at both ends, so that a benchmark can say which stage its time went to. Stages run one after another, so
/// the stages' counters add up to the run's.
/// </summary>
internal sealed class StageClock(Func<GenerationStatistics> counters) : IRunProgress
{
    private readonly List<StageFigures> stages = [];

    /// <summary>The stages finished so far, in the order they ran.</summary>
    public IReadOnlyList<StageFigures> Stages
    {
        get
        {
            lock (stages)
            {
                return [.. stages];
            }
        }
    }

    /// <inheritdoc />
    public IStageProgress BeginStage(string stage, int iteration, int total, int alreadyDone) =>
        new Running(this, iteration == 0 ? stage : $"{stage}-{iteration + 1}", counters(), Stopwatch.GetTimestamp());

    private void Finish(string stage, GenerationStatistics before, long started)
    {
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var after = counters();
        var decode = (after.PromptDecodeTime + after.AnswerStepTime) - (before.PromptDecodeTime + before.AnswerStepTime);
        var figures = new StageFigures(
            stage,
            seconds,
            decode.TotalSeconds,
            after.Requests - before.Requests,
            after.PromptTokensEvaluated - before.PromptTokensEvaluated,
            after.GeneratedTokens - before.GeneratedTokens);
        lock (stages)
        {
            stages.Add(figures);
        }
    }

    private sealed class Running(StageClock clock, string stage, GenerationStatistics before, long started) : IStageProgress
    {
        private int finished;

        public void Advance()
        {
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref finished, 1) == 0)
            {
                clock.Finish(stage, before, started);
            }
        }
    }
}
