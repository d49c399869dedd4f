using EdcKg.Core.Pipeline;

namespace EdcKg.Evaluation.Experiments;

/// <summary>One configuration of an experiment: how the pipeline is set up for one run over the benchmark.</summary>
/// <param name="Name">A short name, used as the run's folder and in the report (letters, digits, '-', '_', '.').</param>
/// <param name="Settings">Pipeline settings (refinement iterations, top-k, enrichment, ...).</param>
/// <param name="UseTargetSchema">Align to the benchmark's schema (target alignment) or start from none (self-canonicalization).</param>
/// <param name="Backends">The models of this run.</param>
/// <param name="ModelIdentities">Model identities per role, for the run manifest and the call cache.</param>
public sealed record ExperimentConfiguration(
    string Name,
    EdcSettings Settings,
    bool UseTargetSchema,
    EdcBackends Backends,
    IReadOnlyDictionary<ModelRole, string> ModelIdentities);
