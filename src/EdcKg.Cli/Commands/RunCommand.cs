using System.CommandLine;
using EdcKg.Cli.Console;
using EdcKg.Cli.ModelResolution;
using EdcKg.Core.Inputs;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Scaling;
using EdcKg.Core.Storage;
using EdcKg.Neo4j.Graph;
using EdcKg.Neo4j.QueryApi;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace EdcKg.Cli.Commands;

/// <summary><c>edckg run</c>: EDC (and EDC+R) over a corpus, resumable, with EDC-compatible outputs.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var o = new RunOptions();
        var command = new Command("run", """
            Extract a knowledge graph from a corpus with EDC: open extraction, schema definition and schema canonicalization,
            then refinement iterations (EDC+R). Options mirror EDC's run.py in kebab-case. Running the same command again
            resumes an interrupted run from its output folder.

            Examples:
              edckg run --input-text-file-path ../shared/edc/datasets/example.txt --target-schema-path ../shared/edc/schemas/example_schema.csv \
                --oie-llm models/mistral-7b-instruct-v0.2.Q4_K_M.gguf --sc-embedder models/e5-small-v2 --output-dir output/example
              edckg run --input-text-file-path docs/ --oie-llm models/qwen2.5-7b-instruct-q4_k_m.gguf --sc-embedder models/e5-small-v2 \
                --refinement-iterations 1 --output-dir output/docs          (no target schema: self-canonicalization)
            """);
        o.AddTo(command);
        var neo4j = new Neo4jOptions(uriRequired: false);
        neo4j.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => ExecuteAsync(parseResult, o, neo4j, cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(ParseResult parseResult, RunOptions o, Neo4jOptions neo4j, CancellationToken cancellationToken)
    {
        var console = CommandConsole.Of(parseResult);
        try
        {
            o.Validate(parseResult);
            o.ValidateRemote(parseResult);
            var settings = o.Settings(parseResult);
            var neo4jSettings = neo4j.Requested(parseResult) ? neo4j.Settings(parseResult) : null;
            var corpus = CorpusReader.Read(parseResult.GetValue(o.InputTextFilePath)!);
            var fullCorpus = corpus;
            var shard = o.ShardSpec(parseResult);
            if (shard is not null)
            {
                corpus = shard.Select(fullCorpus);
                console.Error.WriteLine($"edckg: shard {shard}: {corpus.Count} of {fullCorpus.Count} documents.");
            }

            var schemaPath = parseResult.GetValue(o.TargetSchemaPath);
            var schema = schemaPath is null ? [] : SchemaCsvReader.Read(schemaPath);
            var prompts = EdcPrompts.Load(o.PromptSources(parseResult), settings.RefinementIterations > 0);
            var output = parseResult.GetValue(o.OutputDir)!;
            if (schema.Count == 0 && !settings.EnrichSchema)
            {
                console.Error.WriteLine("edckg: no target schema: self-canonicalization (the schema grows from the extracted relations).");
            }

            using var loggerFactory = o.CreateLoggerFactory(parseResult);
            await using var models = new ModelResolver(o.ModelOptions(parseResult), loggerFactory);
            var (backends, identities) = o.OpenBackends(parseResult, models, settings);
            var manifest = RunManifest.Create(corpus, schema, prompts, settings, identities, o.SourcePaths(parseResult));
            foreach (var (key, value) in shard is null ? [] : ShardManifest.EntriesFor(shard, fullCorpus))
            {
                manifest[key] = value;
            }

            await using var store = RunStore.Open(output);
            var progress = console.CreateProgress();
            using var neo4jHttp = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            await using var sink = neo4jSettings is null ? null
                : new Neo4jTripleSink(new QueryApiClient(neo4jHttp, neo4jSettings, loggerFactory.CreateLogger("neo4j")), RunManifest.RunIdOf(manifest), loggerFactory.CreateLogger("neo4j"));
            var pipeline = new EdcPipeline(backends, prompts, settings, store, identities, progress, loggerFactory.CreateLogger("edckg")) { TripleSink = sink };
            var summary = await pipeline.RunAsync(corpus, schema, manifest, output, cancellationToken).ConfigureAwait(false);

            if (summary.Complete)
            {
                console.Output.WriteLine($"{summary.Documents} documents, {summary.CanonicalTriples} canonical triples in iteration {summary.Iterations}, schema of {summary.SchemaSize} relations.");
            }

            if (summary.UnparsedAnswers > 0 || summary.UndefinedRelations > 0)
            {
                console.Output.WriteLine($"{summary.UnparsedAnswers} unreadable answer fragments and {summary.UndefinedRelations} undefined relations (see result_at_each_stage.json and the run store).");
            }

            var finished = await RunReport.FinishAsync(console, summary, pipeline.Usage.Lines(), o.Prices(parseResult), store, output, cancellationToken, models.Endpoints).ConfigureAwait(false);
            if (finished != ExitCodes.Success)
            {
                return finished;
            }

            console.Output.WriteLine($"Results: {Path.Combine(output, $"iter{summary.Iterations}", "canon_kg.txt")}");
            if (sink is not null)
            {
                console.Output.WriteLine(sink.Failure is null
                    ? $"Neo4j: {sink.Counters.NodesCreated} nodes and {sink.Counters.RelationshipsCreated} relationships created in {neo4jSettings}."
                    : $"Neo4j: incomplete ({sink.Failure.Message}); write it later with: edckg export neo4j --run {output}");
            }

            return ExitCodes.Success;
        }
        catch (Exception e) when (PipelineFailures.TryReport(e, console, cancellationToken, out var exitCode))
        {
            return exitCode;
        }
    }
}
