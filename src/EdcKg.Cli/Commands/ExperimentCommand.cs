using System.CommandLine;
using EdcKg.Cli.Commands.Options;
using EdcKg.Cli.Console;
using EdcKg.Cli.ModelResolution;
using EdcKg.Evaluation.Benchmarks;
using EdcKg.Evaluation.Experiments;
using EdcKg.Evaluation.Scoring;
using EdcKg.Core.Inputs;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;

namespace EdcKg.Cli.Commands;

/// <summary>
/// <c>edckg experiment</c>: runs the pipeline on an EDC benchmark (or its first N documents) once per configuration,
/// scores each run with EDC's evaluation, and writes report.md, report.json and chart.svg with each run's manifest.
/// </summary>
internal static class ExperimentCommand
{
    public static Command Create()
    {
        var dataDir = new Option<string>("--data-dir") { Description = "EDC's benchmark data layout (datasets/, evaluate/references/, schemas/, few_shot_examples/, prompt_templates/); datasets/download-edc-benchmarks fetches it.", DefaultValueFactory = _ => Path.Combine("..", "shared", "edc") };
        var benchmark = new Option<string>("--benchmark") { Description = "webnlg, rebel or wiki-nre (any name with EDC's files in the data directory).", Required = true };
        var limit = new Option<int?>("--limit") { Description = "Use only the first N documents." }.AtLeast(1);
        var config = new Option<string>("--config") { Description = "JSON file of configurations: {\"configurations\": [{\"name\", \"oie_llm\", \"sc_embedder\", \"target_schema\", \"sc_top_k\", ...}]}.", Required = true };
        var outputDir = new Option<string?>("--output-dir") { Description = "Report folder; each configuration runs in a subfolder (default: output/experiment-<benchmark>)." };
        var promptsDir = new Option<string?>("--prompts-dir") { Description = "Prompt templates with EDC's file names (default: <data-dir>/prompt_templates)." };
        var llamaLib = new Option<string?>("--llama-lib") { Description = "Folder of another llama.cpp build." };
        var contextSize = new Option<int>("--context-size") { Description = "Context size of local chat models, in tokens.", DefaultValueFactory = _ => 8192 };
        var threads = new Option<int>("--threads") { Description = "Threads for local inference (0: one per core).", DefaultValueFactory = _ => 0 };

        var command = new Command("experiment", """
            Run EDC on a benchmark with one or more configurations, score each with EDC's evaluation and write a report
            (Markdown, JSON and an SVG chart of precision, recall and F1) with each run's manifest. Interrupted runs resume.

            Example:
              edckg experiment --benchmark webnlg --limit 50 --config experiment.json --output-dir output/webnlg-topk
            """);
        foreach (var option in new Option[] { dataDir, benchmark, limit, config, outputDir, promptsDir, llamaLib, contextSize, threads })
        {
            command.Options.Add(option);
        }

        return CommandAction.Set(command, async (parseResult, console, cancellationToken) =>
        {
            var name = parseResult.GetValue(benchmark)!;
            var plan = ExperimentPlan.Read(parseResult.GetValue(config)!);
            var data = parseResult.GetValue(dataDir)!;
            var loaded = await EdcBenchmarkLoader.LoadAsync(data, name, parseResult.GetValue(limit), cancellationToken).ConfigureAwait(false);
            var refinement = plan.Configurations.Any(c => c.RefinementIterations > 0);
            var prompts = EdcPrompts.Load(new PromptSources(parseResult.GetValue(promptsDir) ?? Path.Combine(data, "prompt_templates"), Path.Combine(data, "few_shot_examples", name)), refinement);

            await using var models = new ModelResolver(new ModelOptions
            {
                LlamaLibrary = parseResult.GetValue(llamaLib),
                ContextSize = parseResult.GetValue(contextSize),
                Threads = parseResult.GetValue(threads),
            });
            var configurations = plan.Configurations.Select(c => Configuration(c, models)).ToList();
            var output = parseResult.GetValue(outputDir) ?? Path.Combine("output", "experiment-" + name);
            var runs = await ExperimentRunner.RunAsync(loaded, prompts, configurations, output, cancellationToken).ConfigureAwait(false);
            foreach (var run in runs)
            {
                if (run.Report is null)
                {
                    console.Note($"{run.Name}: not scored, {run.Failure}");
                    continue;
                }

                var strict = run.Report.Total(EvaluationScheme.Strict);
                console.Output.WriteLine($"{run.Name}: {run.Report.Entries} documents scored, Strict P {strict.Precision.Value:F3} R {strict.Recall.Value:F3} F1 {strict.F1.Value:F3}");
            }

            console.Output.WriteLine($"Report: {Path.Combine(output, "report.md")}");
            return runs.All(r => r.Scored) ? ExitCodes.Success : ExitCodes.DocumentsFailed;
        }, "Finished runs are saved; run the same command again to resume.");
    }

    private static ExperimentConfiguration Configuration(ExperimentPlan.Entry entry, ModelResolver models)
    {
        var names = EdcRoles.Of(ModelRoles.Resolve(new Dictionary<ModelRole, string?>
        {
            [ModelRole.OpenExtraction] = entry.OieLlm,
            [ModelRole.SchemaDefinition] = entry.SdLlm,
            [ModelRole.SchemaCanonicalization] = entry.ScLlm,
            [ModelRole.EntityExtraction] = entry.EeLlm,
            [ModelRole.CanonicalizationEmbedder] = entry.ScEmbedder,
            [ModelRole.SchemaRetrieverEmbedder] = entry.SrEmbedder,
        }));
        var backends = models.OpenBackends(names, entry.RefinementIterations > 0, role => role.IsEmbedder() ? role.Label() : role.Label() + "_llm");
        var settings = new EdcSettings
        {
            RefinementIterations = entry.RefinementIterations,
            EnrichSchema = entry.EnrichSchema,
            CanonicalizationTopK = entry.ScTopK,
            RetrievedRelations = entry.SrTopK,
            Seed = entry.Seed,
            Parallelism = entry.Parallelism,
        };
        return new ExperimentConfiguration(entry.Name!, settings, entry.TargetSchema, backends, names.ToDictionary(p => p.Key, p => models.Identity(p.Key, p.Value)));
    }
}
