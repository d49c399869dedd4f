using EdcKg.Core.Caching;
using EdcKg.Core.Domain;
using EdcKg.Core.Outputs;
using EdcKg.Core.Retrieval;
using EdcKg.Core.Stages;
using EdcKg.Core.Storage;
using EdcKg.Core.Usage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdcKg.Core.Pipeline;

/// <summary>
/// Runs EDC (and EDC+R) over a corpus, stage-major like EDC: in each iteration all documents go through open
/// extraction, then schema definition, then schema canonicalization (after the refinement hints in iterations k ≥ 1).
/// Every document's output of every stage is committed to the run store as soon as it is done, so a killed run,
/// started again with the same command, resumes at the first unfinished (stage, document). Canonicalization runs in
/// corpus order whenever the schema can grow, so self-canonicalization is deterministic.
/// </summary>
public sealed class EdcPipeline
{
    private readonly EdcBackends backends;
    private readonly EdcPrompts prompts;
    private readonly EdcSettings settings;
    private readonly RunStore store;
    private readonly IRunProgress progress;
    private readonly ILogger logger;
    private readonly IEmbeddingGenerator<string, Embedding<float>> canonicalizationEmbedder;
    private int resumedStages;

    /// <summary>Creates a pipeline; embeddings are cached in <paramref name="store"/> under the model identities given.</summary>
    public EdcPipeline(EdcBackends backends, EdcPrompts prompts, EdcSettings settings, RunStore store, IReadOnlyDictionary<string, string> modelIdentities, IRunProgress? progress = null, ILogger? logger = null)
    {
        // Every model call goes through the run store's cache: a resumed or repeated run never pays twice for a call.
        // Usage is recorded under the cache, so it counts only the requests that reached a model.
        IChatClient Cached(IChatClient? client, string role)
        {
            if (client is null)
            {
                return null!;
            }

            var identity = modelIdentities.GetValueOrDefault(role, role);
            return new CachingChatClient(new UsageRecordingChatClient(client, Usage, role, ModelLabel.Of(identity)), store, identity);
        }

        IEmbeddingGenerator<string, Embedding<float>> CachedEmbedder(IEmbeddingGenerator<string, Embedding<float>> embedder, string role)
        {
            var identity = modelIdentities.GetValueOrDefault(role, role);
            return new CachingEmbeddingGenerator(new UsageRecordingEmbeddingGenerator(embedder, Usage, role, ModelLabel.Of(identity)), store, identity);
        }

        this.backends = backends with
        {
            OpenExtraction = Cached(backends.OpenExtraction, "oie"),
            SchemaDefinition = Cached(backends.SchemaDefinition, "sd"),
            Verifier = Cached(backends.Verifier, "sc"),
            EntityExtraction = backends.EntityExtraction is null ? null : Cached(backends.EntityExtraction, "ee"),
        };
        this.prompts = prompts;
        this.settings = settings;
        this.store = store;
        this.progress = progress ?? new SilentProgress();
        this.logger = logger ?? NullLogger.Instance;
        canonicalizationEmbedder = CachedEmbedder(backends.CanonicalizationEmbedder, "sc_embedder");
        RetrieverEmbedder = backends.SchemaRetrieverEmbedder is null ? null : CachedEmbedder(backends.SchemaRetrieverEmbedder, "sr_embedder");
        if (settings.RefinementIterations > 0 && (prompts.EntityExtraction is null || backends.EntityExtraction is null || backends.SchemaRetrieverEmbedder is null))
        {
            throw new ArgumentException("Refinement iterations need the entity extraction model, the schema retriever embedder and the refinement prompts.");
        }
    }

    private IEmbeddingGenerator<string, Embedding<float>>? RetrieverEmbedder { get; }

    /// <summary>Requests, tokens and time per role and model of the calls that reached a model (cache hits left out).</summary>
    public UsageLedger Usage { get; } = new();

    /// <summary>Receives each document's final canonical triples as they are stored, and the snapshot at the end; optional.</summary>
    public ICanonicalTripleSink? TripleSink { get; init; }

    /// <summary>Runs (or resumes) the whole job and writes the iteration folders into <paramref name="outputDirectory"/>.</summary>
    public async Task<RunSummary> RunAsync(IReadOnlyList<Document> corpus, IReadOnlyList<SchemaRelation> targetSchema, IReadOnlyDictionary<string, string> manifest, string outputDirectory, CancellationToken cancellationToken)
    {
        var documents = await PrepareStoreAsync(corpus, targetSchema, manifest, cancellationToken).ConfigureAwait(false);
        var enrich = settings.EnrichSchema || targetSchema.Count == 0;
        var canonicalization = new SchemaCanonicalization(
            new TargetAlignment(backends.Verifier, canonicalizationEmbedder, prompts.Verification, settings.CanonicalizationTopK, settings.VerifierMaxTokens),
            enrich);

        IReadOnlyList<DocumentResult> last = [];
        var unparsed = 0;
        var undefined = 0;
        var written = -1;
        var unfinished = 0;
        for (var iteration = 0; iteration <= settings.RefinementIterations; iteration++)
        {
            logger.LogInformation("Iteration {Iteration}", iteration);
            var hints = iteration == 0
                ? new Dictionary<int, RefinementHintOutput>()
                : await RunHintStageAsync(documents, iteration, last, cancellationToken).ConfigureAwait(false);

            var extraction = iteration == 0
                ? new OpenExtraction(backends.OpenExtraction, prompts.OpenExtraction, prompts.OpenExtractionExamples, settings.OpenExtractionMaxTokens)
                : new OpenExtraction(backends.OpenExtraction, prompts.RefinedOpenExtraction!, prompts.RefinedOpenExtractionExamples!, settings.OpenExtractionMaxTokens);
            var triples = await RunStageAsync(
                StageName.OpenExtraction, iteration, iteration == 0 ? documents : Ready(documents, hints),
                InParallel<OpenExtractionOutput>((d, ct) => extraction.ExtractAsync(d, hints.GetValueOrDefault(d.Index)?.Hint, ct)), cancellationToken).ConfigureAwait(false);

            var definition = new SchemaDefinition(backends.SchemaDefinition, prompts.SchemaDefinition, prompts.SchemaDefinitionExamples, settings.SchemaDefinitionMaxTokens);
            var definitions = await RunStageAsync(
                StageName.SchemaDefinition, iteration, Ready(documents, triples),
                InParallel<SchemaDefinitionOutput>((d, ct) => definition.DefineAsync(d, triples[d.Index].Triples, ct)), cancellationToken).ConfigureAwait(false);

            var schema = await CanonicalSchema.BuildAsync(await store.LoadSchemaAsync(cancellationToken).ConfigureAwait(false), canonicalizationEmbedder, cancellationToken).ConfigureAwait(false);
            var canonical = await RunStageAsync<SchemaCanonicalizationOutput>(
                StageName.SchemaCanonicalization, iteration,
                // A growing schema is built in corpus order: canonicalization stops before the first unready document.
                enrich ? documents.TakeWhile(d => definitions.ContainsKey(d.Index)).ToList() : Ready(documents, definitions),
                enrich
                    ? (pending, commit, fail, ct) => OrderedSpeculation.RunAsync(
                        pending, settings.Parallelism, settings.CanonicalizationTopK, schema,
                        (d, view, c) => canonicalization.CanonicalizeAsync(d, triples[d.Index].Triples, definitions[d.Index], view, c), commit, ct, fail)
                    : InParallel<SchemaCanonicalizationOutput>((d, ct) => canonicalization.CanonicalizeAsync(d, triples[d.Index].Triples, definitions[d.Index], schema, ct)),
                cancellationToken,
                (output, write, d) => write.SchemaAdditions.AddRange(output.AddedRelations.Select(r => (r, iteration, d.Index))),
                iteration == settings.RefinementIterations && TripleSink is { } sink
                    ? (d, output) => sink.AddAsync(d, output.CanonicalTriples(d, iteration).ToList(), cancellationToken).AsTask()
                    : null).ConfigureAwait(false);

            unfinished = documents.Count(d => !canonical.ContainsKey(d.Index));
            if (unfinished > 0)
            {
                // Outputs list every document in corpus order, and later iterations read the whole schema: both wait
                // until the next run has done the failed documents.
                logger.LogWarning("Iteration {Iteration}: {Unfinished} of {Total} documents unfinished because model requests failed; run the same command again to retry them", iteration, unfinished, documents.Count);
                break;
            }

            last = documents.Select(d => new DocumentResult(d, iteration, hints.GetValueOrDefault(d.Index)?.Hint, triples[d.Index], definitions[d.Index], canonical[d.Index])).ToList();
            unparsed += last.Sum(r => r.OpenExtraction.Unparsed.Count);
            undefined += last.Sum(r => r.SchemaDefinition.Missing.Count);
            await EdcOutputWriter.WriteIterationAsync(outputDirectory, iteration, last, cancellationToken).ConfigureAwait(false);
            written = iteration;
        }

        if (TripleSink is { } tripleSink)
        {
            await tripleSink.CompleteAsync(await RunSnapshotReader.ReadAsync(store, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }

        var schemaSize = (await store.LoadSchemaAsync(cancellationToken).ConfigureAwait(false)).Count;
        return new RunSummary(documents.Count, written, last.Sum(r => r.CanonicalTriples().Count()), schemaSize, resumedStages, unparsed, undefined)
        {
            Failures = await store.LoadFailuresAsync(cancellationToken).ConfigureAwait(false),
            UnfinishedDocuments = unfinished,
        };
    }

    /// <summary>The documents whose input of the next stage is there (a failed document is left out).</summary>
    private static List<Document> Ready<T>(IReadOnlyList<Document> documents, IReadOnlyDictionary<int, T> inputs)
        => documents.Where(d => inputs.ContainsKey(d.Index)).ToList();

    private async Task<IReadOnlyList<Document>> PrepareStoreAsync(IReadOnlyList<Document> corpus, IReadOnlyList<SchemaRelation> targetSchema, IReadOnlyDictionary<string, string> manifest, CancellationToken cancellationToken)
    {
        var stored = await store.ReadManifestAsync(cancellationToken).ConfigureAwait(false);
        var documents = await store.LoadDocumentsAsync(cancellationToken).ConfigureAwait(false);
        if (stored.Count > 0 && documents.Count > 0)
        {
            RunManifest.EnsureCompatible(stored, manifest, store.Path);
            await store.WriteManifestAsync(manifest, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Resuming the run in {Store}", store.Path);
            return documents;
        }

        await store.WriteManifestAsync(manifest, cancellationToken).ConfigureAwait(false);
        await store.SaveDocumentsAsync(corpus, cancellationToken).ConfigureAwait(false);
        await store.SaveTargetSchemaAsync(targetSchema, cancellationToken).ConfigureAwait(false);
        return corpus;
    }

    private async Task<Dictionary<int, RefinementHintOutput>> RunHintStageAsync(IReadOnlyList<Document> documents, int iteration, IReadOnlyList<DocumentResult> previous, CancellationToken cancellationToken)
    {
        var schemaRelations = await store.LoadSchemaAsync(cancellationToken).ConfigureAwait(false);
        var definitions = schemaRelations.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var retriever = await SchemaRetriever.BuildAsync(schemaRelations, RetrieverEmbedder!, cancellationToken).ConfigureAwait(false);
        var hints = new RefinementHints(
            new EntityExtraction(backends.EntityExtraction!, prompts.EntityExtraction!, prompts.EntityExtractionExamples!, settings.EntityMaxTokens),
            new EntityMerging(backends.EntityExtraction!, prompts.EntityMerging!, settings.EntityMaxTokens),
            retriever,
            settings.RetrievedRelations,
            settings.Seed);
        var previousTriples = previous.ToDictionary(r => r.Document.Index, r => (IReadOnlyList<Triple>)r.CanonicalTriples().Select(t => t.Triple).ToList());
        var examples = previous
            .SelectMany(r => r.CanonicalTriples().Select(t => (t.Triple, r.Document.Text)))
            .GroupBy(e => e.Triple.Relation, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<(Triple, string)>)g.ToList(), StringComparer.Ordinal);
        return await RunStageAsync(
            StageName.RefinementHint, iteration, documents,
            InParallel<RefinementHintOutput>((d, ct) => hints.BuildAsync(d, previousTriples[d.Index], definitions, examples, iteration, ct)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a stage's work over the documents it has not done yet; <c>commit</c> stores one document's output,
    /// <c>fail</c> records a document whose model requests failed for good (<see cref="ModelUnavailableException"/>).
    /// </summary>
    private delegate Task StageExecution<T>(IReadOnlyList<Document> pending, Func<Document, T, Task> commit, Func<Document, Exception, Task> fail, CancellationToken cancellationToken);

    private StageExecution<T> InParallel<T>(Func<Document, CancellationToken, Task<T>> work)
        => (pending, commit, fail, cancellationToken) => Parallel.ForEachAsync(
            pending,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Parallelism), CancellationToken = cancellationToken },
            async (document, ct) =>
            {
                T output;
                try
                {
                    output = await work(document, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (!ct.IsCancellationRequested && ModelUnavailableException.FindIn(e) is not null)
                {
                    // The other documents go on; the next run retries this one.
                    await fail(document, e).ConfigureAwait(false);
                    return;
                }

                await commit(document, output).ConfigureAwait(false);
            });

    private async Task<Dictionary<int, T>> RunStageAsync<T>(
        string stage,
        int iteration,
        IReadOnlyList<Document> documents,
        StageExecution<T> execute,
        CancellationToken cancellationToken,
        Action<T, PendingWrite, Document>? alsoWrite = null,
        Func<Document, T, Task>? committed = null)
    {
        var stored = await store.LoadStageResultsAsync(iteration, stage, cancellationToken).ConfigureAwait(false);
        var results = new Dictionary<int, T>(documents.Count);
        foreach (var (index, payload) in stored)
        {
            results[index] = StagePayload.Read<T>(payload);
        }

        var pending = documents.Where(d => !results.ContainsKey(d.Index)).ToList();
        if (pending.Count == 0)
        {
            return results;
        }

        if (stored.Count > 0)
        {
            resumedStages++;
            logger.LogInformation("Stage {Stage} of iteration {Iteration}: {Done} of {Total} documents already done, resuming", stage, iteration, stored.Count, documents.Count);
        }

        using var stageProgress = progress.BeginStage(stage, iteration, documents.Count, documents.Count - pending.Count);
        async Task CommitAsync(Document document, T output)
        {
            var write = new PendingWrite();
            write.StageResults.Add((iteration, stage, document.Index, StagePayload.Write(output)));
            alsoWrite?.Invoke(output, write, document);
            await store.WriteAsync(write, cancellationToken).ConfigureAwait(false);
            lock (results)
            {
                results[document.Index] = output;
            }

            stageProgress.Advance();
            if (committed is not null)
            {
                await committed(document, output).ConfigureAwait(false);
            }
        }

        async Task FailAsync(Document document, Exception exception)
        {
            var message = ModelUnavailableException.FindIn(exception)?.Message ?? exception.Message;
            var failed = new PendingWrite();
            failed.Failures.Add(new DocumentFailure(iteration, stage, document.Index, document.Id, message));
            await store.WriteAsync(failed, cancellationToken).ConfigureAwait(false);
            logger.LogWarning("Stage {Stage} of iteration {Iteration} failed for document {Document}: {Error}", stage, iteration, document.Id, message);
        }

        await execute(pending, CommitAsync, FailAsync, cancellationToken).ConfigureAwait(false);
        return results;
    }
}
