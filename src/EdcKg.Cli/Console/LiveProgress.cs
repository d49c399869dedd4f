using EdcKg.Core.Pipeline;
using Spectre.Console;

namespace EdcKg.Cli.Console;

/// <summary>Progress bars with documents per second and time left, for a person at a terminal.</summary>
public sealed class LiveProgress(IAnsiConsole console) : IRunProgress
{
    /// <inheritdoc />
    public IStageProgress BeginStage(string stage, int iteration, int total, int alreadyDone)
    {
        var started = new TaskCompletionSource<ProgressTask>(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var display = console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedLikeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"iter{iteration} {StageLabels.Of(stage)}", maxValue: total);
                task.Value = alreadyDone;
                started.SetResult(task);
                await finished.Task.ConfigureAwait(false);
                task.Value = task.MaxValue;
                task.StopTask();
            });
        return new Stage(started.Task.GetAwaiter().GetResult(), finished, display);
    }

    private sealed class Stage(ProgressTask task, TaskCompletionSource finished, Task display) : IStageProgress
    {
        public void Advance() => task.Increment(1);

        public void Dispose()
        {
            finished.TrySetResult();
            display.GetAwaiter().GetResult();
        }
    }

    private sealed class TransferSpeedLikeColumn : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime)
            => new Text(task.Speed is { } speed ? $"{speed:F1} docs/s" : "-- docs/s");
    }
}
