using System.CommandLine;
using EdcKg.Cli.Commands.Options;
using EdcKg.Cli.Console;
using EdcKg.Cli.ModelResolution;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Scaling;
using EdcKg.Core.Storage;
using EdcKg.Core.Usage;
using Microsoft.Extensions.Logging;

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

        // The corpus and the target schema come from the shards.
        command.Add(o.Models, o.Edc, o.Prompts, o.Output, o.Remote, o.Logging);
        return CommandAction.Set(
            command,
            (parseResult, console, cancellationToken) => ExecuteAsync(o.Bind(parseResult, withInput: false), parseResult.GetValue(runs)!, console, cancellationToken),
            RunCommand.Resumable);
    }

    private static async Task<int> ExecuteAsync(RunRequest request, string[] runs, CommandConsole console, CancellationToken cancellationToken)
    {
        var output = request.Output.Directory;
        if (runs.Any(r => Path.GetFullPath(r).TrimEnd('/') == Path.GetFullPath(output).TrimEnd('/')))
        {
            throw new OptionValueException("--output-dir", $"'{output}' is one of the shard folders; merge into a new folder.");
        }

        var settings = request.Settings;
        var prompts = EdcPrompts.Load(request.Prompts, settings.RefinementIterations > 0);
        var roles = await RunModels.ResolveAsync(request.Models, request.Remote.Endpoints.Count > 0, console, cancellationToken).ConfigureAwait(false);
        using var loggerFactory = LoggingOptions.CreateLoggerFactory(request.LogLevel, console);
        await using var models = new ModelResolver(request.Models.Local with { Parallelism = settings.Parallelism, Remote = request.Remote }, loggerFactory);
        var (backends, identities) = RunModels.Open(models, roles, settings.RefinementIterations > 0);
        var sources = new Dictionary<string, string> { ["shards"] = string.Join(';', runs.Select(Path.GetFullPath)) };
        Dictionary<string, string> ManifestOf(IReadOnlyList<Core.Domain.Document> corpus, IReadOnlyList<Core.Domain.SchemaRelation> schema)
            => RunManifest.Create(corpus, schema, prompts, settings, identities, sources);

        await using var store = RunStore.Open(output);
        var merged = await ShardMerge.MergeAsync(runs, store, ManifestOf, cancellationToken).ConfigureAwait(false);
        console.Note($"merged {runs.Length} shards: {merged.Corpus.Count} documents; canonicalizing them in corpus order.");

        var progress = console.CreateProgress();
        var pipeline = new EdcPipeline(backends, prompts, settings, store, identities, progress, loggerFactory.CreateLogger("edckg"));
        await using var usage = UsageJournal.Start(output, pipeline.Usage, request.Output.Prices, TimeProvider.System, RunCommand.UsageInterval);
        var summary = await pipeline.RunAsync(merged.Corpus, merged.TargetSchema, ManifestOf(merged.Corpus, merged.TargetSchema), output, cancellationToken).ConfigureAwait(false);
        if (summary.Complete)
        {
            console.Output.WriteLine($"{summary.Documents} documents, {summary.CanonicalTriples} canonical triples in iteration {summary.Iterations}, schema of {summary.SchemaSize} relations.");
        }

        var finished = await RunReport.FinishAsync(console, summary, usage, request.Output.Prices, store, cancellationToken, models.Endpoints).ConfigureAwait(false);
        if (finished == ExitCodes.Success)
        {
            console.Output.WriteLine($"Results: {Path.Combine(output, $"iter{summary.Iterations}", "canon_kg.txt")}");
        }

        return finished;
    }
}
