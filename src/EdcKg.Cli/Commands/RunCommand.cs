using System.CommandLine;
using EdcKg.Cli.Commands.Options;
using EdcKg.Cli.Console;
using EdcKg.Cli.ModelResolution;
using EdcKg.Core.Inputs;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Scaling;
using EdcKg.Core.Storage;
using EdcKg.Core.Usage;
using EdcKg.Neo4j.Graph;
using EdcKg.Neo4j.QueryApi;
using Microsoft.Extensions.Logging;

namespace EdcKg.Cli.Commands;

/// <summary><c>edckg run</c>: EDC (and EDC+R) over a corpus, resumable, with EDC-compatible outputs.</summary>
internal static class RunCommand
{
    /// <summary>What to do after an interrupted or failed run.</summary>
    public const string Resumable = "Everything finished so far is saved; run the same command again to resume.";

    /// <summary>How often usage.json is rewritten while a run goes.</summary>
    public static readonly TimeSpan UsageInterval = TimeSpan.FromSeconds(5);

    public static Command Create()
    {
        var o = new RunOptions();
        var command = new Command("run", """
            Extract a knowledge graph from a corpus with EDC: open extraction, schema definition and schema canonicalization,
            then refinement iterations (EDC+R). Options mirror EDC's run.py in kebab-case. Running the same command again
            resumes an interrupted run from its output folder. Without model options the catalogue's default models are
            used (a small instruct LLM and an embedder; `edckg models` lists them), downloaded into --models-dir on first use.

            Examples:
              edckg run --input-text-file-path corpus/ --output-dir out          (first run: default models, self-canonicalization)
              edckg run --input-text-file-path ../shared/edc/datasets/example.txt --target-schema-path ../shared/edc/schemas/example_schema.csv \
                --oie-llm models/mistral-7b-instruct-v0.2.Q4_K_M.gguf --sc-embedder models/e5-small-v2 --output-dir output/example
              edckg run --input-text-file-path docs/ --oie-llm models/qwen2.5-7b-instruct-q4_k_m.gguf --sc-embedder models/e5-small-v2 \
                --refinement-iterations 1 --output-dir output/docs          (no target schema: self-canonicalization)
            """);
        command.Add(o.Groups);
        return CommandAction.Set(command, (parseResult, console, cancellationToken) => ExecuteAsync(o.Bind(parseResult), console, cancellationToken), Resumable);
    }

    private static async Task<int> ExecuteAsync(RunRequest request, CommandConsole console, CancellationToken cancellationToken)
    {
        // Inputs first: a missing corpus or a bad schema is named before any model is looked for.
        var input = request.Input!;
        var settings = request.Entities is { } entities
            ? request.Settings with { EntityResolution = entities.Settings with { Seed = request.Settings.Seed } }
            : request.Settings;
        var read = CorpusReader.ReadCorpus(input.Corpus);
        var corpus = read.Documents;
        if (read.Skipped.Count > 0)
        {
            console.Note($"{read.Skipped.Count} input files skipped (the run goes on without them):");
            foreach (var skipped in read.Skipped)
            {
                console.Error.WriteLine($"  {skipped}");
            }
        }

        var fullCorpus = corpus;
        if (input.Shard is { } shard)
        {
            corpus = shard.Select(fullCorpus);
            console.Note($"shard {shard}: {corpus.Count} of {fullCorpus.Count} documents.");
        }

        var schema = input.TargetSchema is null ? [] : SchemaCsvReader.Read(input.TargetSchema);
        var prompts = EdcPrompts.Load(request.Prompts, settings.RefinementIterations > 0, settings.EntityResolution is not null);
        var output = request.Output.Directory;
        if (schema.Count == 0 && !settings.EnrichSchema)
        {
            console.Note("no target schema: self-canonicalization (the schema grows from the extracted relations).");
        }

        // Then the models (default ones downloaded now, before anything is written to the output folder).
        var roles = await RunModels.ResolveAsync(request.Models, request.Remote.Endpoints.Count > 0, console, cancellationToken).ConfigureAwait(false);
        using var loggerFactory = LoggingOptions.CreateLoggerFactory(request.LogLevel, console);
        await using var models = new ModelResolver(request.Models.Local with { Parallelism = settings.Parallelism, Remote = request.Remote }, loggerFactory);
        var (backends, identities) = RunModels.Open(models, roles, settings.RefinementIterations > 0);
        if (request.Entities is not null)
        {
            (backends, identities) = request.Entities.Open(models, roles, backends, identities);
        }

        var manifest = RunManifest.Create(corpus, schema, prompts, settings, identities, SourcePaths(input));
        foreach (var (key, value) in input.Shard is null ? [] : ShardManifest.EntriesFor(input.Shard, fullCorpus))
        {
            manifest[key] = value;
        }

        await using var store = RunStore.Open(output);
        var progress = console.CreateProgress();
        using var neo4jHttp = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        // An updated run keeps the id (and Neo4j graph) it had: the stored manifest names it.
        var stored = await store.ReadManifestAsync(cancellationToken).ConfigureAwait(false);
        var runId = RunManifest.RunIdOf(input.Update && stored.Count > 0 ? stored : manifest);
        await using var sink = request.Neo4j is null ? null
            : new Neo4jTripleSink(new QueryApiClient(neo4jHttp, request.Neo4j, loggerFactory.CreateLogger("neo4j")), runId, loggerFactory.CreateLogger("neo4j"), request.Neo4j.Graph);
        var pipeline = new EdcPipeline(backends, prompts, settings, store, identities, progress, loggerFactory.CreateLogger("edckg"))
        {
            TripleSink = sink,
            Update = input.Update,
            UpdatePlanned = changes => console.Output.WriteLine($"Update: {changes}.")
        };
        await using var usage = UsageJournal.Start(output, pipeline.Usage, request.Output.Prices, TimeProvider.System, UsageInterval);
        var summary = await pipeline.RunAsync(corpus, schema, manifest, output, cancellationToken).ConfigureAwait(false);

        if (summary.Complete)
        {
            var chunks = summary.Chunks > summary.Documents ? $" in {summary.Chunks} chunks" : string.Empty;
            console.Output.WriteLine($"{summary.Documents} documents{chunks}, {summary.CanonicalTriples} canonical triples in iteration {summary.Iterations}, schema of {summary.SchemaSize} relations.");
        }

        if (summary.UnparsedAnswers > 0 || summary.UndefinedRelations > 0)
        {
            console.Output.WriteLine($"{summary.UnparsedAnswers} unreadable answer fragments and {summary.UndefinedRelations} undefined relations (see result_at_each_stage.json and the run store).");
        }

        var finished = await RunReport.FinishAsync(console, summary, usage, request.Output.Prices, store, cancellationToken, models.Endpoints).ConfigureAwait(false);
        if (finished == ExitCodes.Success && read.Skipped.Count > 0)
        {
            // Every document read is done, but the corpus is not all there: the run is incomplete.
            console.Note($"the run is incomplete: {read.Skipped.Count} input files were skipped (listed above; exit code 3).");
            finished = ExitCodes.DocumentsFailed;
        }

        if (finished == ExitCodes.Success)
        {
            console.Output.WriteLine($"Results: {Path.Combine(output, $"iter{summary.Iterations}", "canon_kg.txt")}");
            if (settings.EntityResolution is not null)
            {
                console.Output.WriteLine($"Entities: {Path.Combine(output, $"iter{summary.Iterations}", Core.Outputs.EntityOutputWriter.EntitiesFile)}");
            }
        }

        if (sink is null)
        {
            return finished;
        }

        if (sink.Failure is null)
        {
            console.Output.WriteLine($"Neo4j: {sink.Counters.NodesCreated} nodes and {sink.Counters.RelationshipsCreated} relationships created in {request.Neo4j}.");
            return finished;
        }

        console.Fail($"writing the graph to Neo4j failed ({sink.Failure.Message.TrimEnd('.')}). The run's outputs are saved in {output}; "
            + $"write the graph later with: edckg export neo4j --run {output} --neo4j-uri {request.Neo4j!.Uri}");
        return finished == ExitCodes.Success ? ExitCodes.Neo4jFailed : finished;
    }

    private static Dictionary<string, string> SourcePaths(RunInput input) => new()
    {
        ["input"] = Path.GetFullPath(input.Corpus),
        ["schema"] = input.TargetSchema is { } schema ? Path.GetFullPath(schema) : "(none)",
    };
}
