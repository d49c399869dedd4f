using System.CommandLine;
using EdcKg.Cli.Console;
using EdcKg.Cli.ModelResolution;
using EdcKg.Core.Inputs;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Scaling;
using EdcKg.Core.Storage;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace EdcKg.Cli.Commands;

/// <summary><c>edckg merge</c>: combines the output folders of a sharded run and canonicalizes the whole corpus once more.</summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var o = new RunOptions();
        var runs = new Argument<string[]>("runs") { Description = "The --output-dir folders of the N shard runs (edckg run --shard i/N).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("merge", """
            Combine the output folders of the N workers of a sharded run (edckg run --shard i/N) into one run. Extraction
            and definition results are taken over; schema canonicalization (and any refinement iteration) runs again over
            the whole corpus in corpus order against one schema, so that a relation induced by several shards becomes one
            schema relation, as in an unsharded run. Answers the shards already got are reused from their caches, so only
            the questions that changed reach the models. Give the same model, prompt and EDC options as the shard runs.
            Running the same command again resumes an interrupted merge.

            Example:
              edckg merge out/shard-0 out/shard-1 out/shard-2 --output-dir out/merged \
                --llm-endpoint http://vllm:8000/v1 --oie-llm Qwen/Qwen2.5-7B-Instruct --sc-embedder intfloat/e5-mistral-7b-instruct
            """);
        command.Arguments.Add(runs);
        o.AddTo(command);
        // The corpus and the target schema come from the shards.
        command.Options.Remove(o.InputTextFilePath);
        command.Options.Remove(o.TargetSchemaPath);
        command.Options.Remove(o.Shard);
        command.SetAction((parseResult, cancellationToken) => ExecuteAsync(parseResult, o, runs, cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(ParseResult parseResult, RunOptions o, Argument<string[]> runsArgument, CancellationToken cancellationToken)
    {
        var console = CommandConsole.Of(parseResult);
        try
        {
            o.Validate(parseResult);
            o.ValidateRemote(parseResult);
            var runs = parseResult.GetValue(runsArgument)!;
            var output = parseResult.GetValue(o.OutputDir)!;
            if (runs.Any(r => Path.GetFullPath(r).TrimEnd('/') == Path.GetFullPath(output).TrimEnd('/')))
            {
                throw new ArgumentException($"--output-dir: '{output}' is one of the shard folders; merge into a new folder.");
            }

            var settings = o.Settings(parseResult);
            var prompts = EdcPrompts.Load(o.PromptSources(parseResult), settings.RefinementIterations > 0);
            using var loggerFactory = o.CreateLoggerFactory(parseResult);
            await using var models = new ModelResolver(o.ModelOptions(parseResult), loggerFactory);
            var (backends, identities) = o.OpenBackends(parseResult, models, settings);
            var sources = new Dictionary<string, string> { ["shards"] = string.Join(';', runs.Select(Path.GetFullPath)) };
            Dictionary<string, string> ManifestOf(IReadOnlyList<Core.Domain.Document> corpus, IReadOnlyList<Core.Domain.SchemaRelation> schema)
                => RunManifest.Create(corpus, schema, prompts, settings, identities, sources);

            await using var store = RunStore.Open(output);
            var merged = await ShardMerge.MergeAsync(runs, store, ManifestOf, cancellationToken).ConfigureAwait(false);
            console.Error.WriteLine($"edckg: merged {runs.Length} shards: {merged.Corpus.Count} documents; canonicalizing them in corpus order.");

            var progress = console.CreateProgress();
            var pipeline = new EdcPipeline(backends, prompts, settings, store, identities, progress, loggerFactory.CreateLogger("edckg"));
            var summary = await pipeline.RunAsync(merged.Corpus, merged.TargetSchema, ManifestOf(merged.Corpus, merged.TargetSchema), output, cancellationToken).ConfigureAwait(false);
            if (summary.Complete)
            {
                console.Output.WriteLine($"{summary.Documents} documents, {summary.CanonicalTriples} canonical triples in iteration {summary.Iterations}, schema of {summary.SchemaSize} relations.");
            }

            var finished = await RunReport.FinishAsync(console, summary, pipeline.Usage.Lines(), o.Prices(parseResult), store, output, cancellationToken, models.Endpoints).ConfigureAwait(false);
            if (finished != ExitCodes.Success)
            {
                return finished;
            }

            console.Output.WriteLine($"Results: {Path.Combine(output, $"iter{summary.Iterations}", "canon_kg.txt")}");
            return ExitCodes.Success;
        }
        catch (Exception e) when (PipelineFailures.TryReport(e, console, cancellationToken, out var exitCode))
        {
            return exitCode;
        }
    }
}
