using EdcKg.Core.Pipeline;
using EdcKg.Evaluation.Scoring;

namespace EdcKg.Evaluation.Experiments;

/// <summary>The outcome of one configuration: what the pipeline did, how it scored, and its manifest.</summary>
/// <param name="Name">The configuration name.</param>
/// <param name="OutputDirectory">Where the run wrote its results.</param>
/// <param name="Summary">The pipeline's summary.</param>
/// <param name="Input">The scored lines (and the rejected ones); null when the run failed.</param>
/// <param name="Report">The scores of the last iteration, with EDC's evaluation; null when the run failed.</param>
/// <param name="Manifest">The run manifest (inputs, prompts, settings and models, hashed).</param>
public sealed record ExperimentRun(
    string Name,
    string OutputDirectory,
    RunSummary Summary,
    EvaluationInput? Input,
    EvaluationReport? Report,
    IReadOnlyDictionary<string, string> Manifest)
{
    /// <summary>Why the run was not scored (it did not complete); null when it was.</summary>
    public string? Failure { get; init; }

    /// <summary>Whether the run completed and was scored.</summary>
    public bool Scored => Failure is null && Report is not null && Input is not null;
}
