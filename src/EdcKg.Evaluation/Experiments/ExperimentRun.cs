using EdcKg.Evaluation.Scoring;
using EdcKg.Core.Pipeline;

namespace EdcKg.Evaluation.Experiments;

/// <summary>The outcome of one configuration: what the pipeline did, how it scored, and its manifest.</summary>
/// <param name="Name">The configuration name.</param>
/// <param name="OutputDirectory">Where the run wrote its results.</param>
/// <param name="Summary">The pipeline's summary.</param>
/// <param name="Input">The scored lines (and the rejected ones).</param>
/// <param name="Report">The scores of the last iteration, with EDC's evaluation.</param>
/// <param name="Manifest">The run manifest (inputs, prompts, settings and models, hashed).</param>
public sealed record ExperimentRun(
    string Name,
    string OutputDirectory,
    RunSummary Summary,
    EvaluationInput Input,
    EvaluationReport Report,
    IReadOnlyDictionary<string, string> Manifest);
