using System.Globalization;
using System.Text.RegularExpressions;
using EdcKg.Evaluation.Benchmarks;
using EdcKg.Evaluation.Scoring;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Storage;

namespace EdcKg.Evaluation.Experiments;

/// <summary>
/// Runs the pipeline over a benchmark once per configuration, scores each run's last iteration with EDC's
/// evaluation, and writes the comparison report. Each run keeps its own run store, so an interrupted experiment
/// resumes where it stopped.
/// </summary>
public static partial class ExperimentRunner
{
    /// <summary>Runs every configuration in order and writes the report into <paramref name="outputDirectory"/>.</summary>
    public static async Task<IReadOnlyList<ExperimentRun>> RunAsync(
        EdcBenchmark benchmark,
        EdcPrompts prompts,
        IReadOnlyList<ExperimentConfiguration> configurations,
        string outputDirectory,
        CancellationToken cancellationToken)
    {
        Validate(configurations);
        var runs = new List<ExperimentRun>();
        foreach (var configuration in configurations)
        {
            var runDirectory = Path.Combine(outputDirectory, configuration.Name);
            var schema = configuration.UseTargetSchema ? benchmark.Schema : [];
            var manifest = RunManifest.Create(benchmark.Documents, schema, prompts, configuration.Settings, configuration.ModelIdentities);
            RunSummary summary;
            await using (var store = RunStore.Open(runDirectory))
            {
                var pipeline = new EdcPipeline(configuration.Backends, prompts, configuration.Settings, store, configuration.ModelIdentities);
                summary = await pipeline.RunAsync(benchmark.Documents, schema, manifest, runDirectory, cancellationToken).ConfigureAwait(false);
            }

            var iteration = "iter" + configuration.Settings.RefinementIterations.ToString(CultureInfo.InvariantCulture);
            var predictionPath = Path.Combine(runDirectory, iteration, "canon_kg.txt");
            var failure = Failure(summary, predictionPath, iteration);
            if (failure is not null)
            {
                // An incomplete run has no last-iteration output of its own (a file there is an older run's), and
                // scoring missing documents as empty predictions would report a number that means nothing.
                runs.Add(new ExperimentRun(configuration.Name, runDirectory, summary, null, null, manifest) { Failure = failure });
                continue;
            }

            var predictions = await EdcOutputReader.ReadLinesAsync(predictionPath, cancellationToken).ConfigureAwait(false);
            var input = EdcOutputReader.Pair(predictions, benchmark.ReferenceLines, null, predictionPath, benchmark.ReferencePath);
            var report = new EdcScorer().Score(input.Entries, cancellationToken);
            runs.Add(new ExperimentRun(configuration.Name, runDirectory, summary, input, report, manifest));
        }

        await ExperimentReportWriter.WriteAsync(outputDirectory, benchmark.Name, runs, cancellationToken).ConfigureAwait(false);
        return runs;
    }

    private static string? Failure(RunSummary summary, string predictionPath, string iteration)
    {
        if (!summary.Complete)
        {
            var failed = summary.Failures.Select(f => f.DocumentId).Distinct(StringComparer.Ordinal).Count();
            return string.Create(
                CultureInfo.InvariantCulture,
                $"run incomplete: {summary.UnfinishedDocuments} of {summary.Documents} documents unfinished ({failed} failed); run the same command again to retry them");
        }

        return File.Exists(predictionPath) ? null : $"run incomplete: it wrote no {iteration}/canon_kg.txt";
    }

    private static void Validate(IReadOnlyList<ExperimentConfiguration> configurations)
    {
        if (configurations.Count == 0)
        {
            throw new ArgumentException("an experiment needs at least one configuration", nameof(configurations));
        }

        foreach (var configuration in configurations)
        {
            if (!SafeName().IsMatch(configuration.Name))
            {
                throw new ArgumentException($"configuration name '{configuration.Name}' must be letters, digits, '-', '_' or '.'", nameof(configurations));
            }
        }

        var duplicate = configurations.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"configuration name '{duplicate.Key}' is used twice", nameof(configurations));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex SafeName();
}
