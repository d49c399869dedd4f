using EdcKg.Core.Corrections;
using EdcKg.Core.Chunking;
using EdcKg.Core.Domain;
using EdcKg.Core.Entities;
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
/// Runs EDC (and EDC+R) over a corpus, stage-major like EDC: in each iteration all items go through open
/// extraction, then schema definition, then schema canonicalization (after the refinement hints in iterations k ≥ 1).
/// The <see cref="StageScheduler"/> commits every item's output of every stage to the run store as soon as it is
/// done, so a killed run, started again with the same command, resumes at the first unfinished (stage, item).
/// Canonicalization runs in corpus order whenever the schema can grow, so self-canonicalization is deterministic.
/// </summary>
public sealed class EdcPipeline
{
    private static readonly IReadOnlyDictionary<ItemKey, RefinementHintOutput> NoHints = new Dictionary<ItemKey, RefinementHintOutput>();

    private readonly EdcBackends models;
    private readonly EdcBackends unwrapped;
    private readonly EdcPrompts prompts;
    private readonly EdcSettings settings;
    private readonly RunStore store;
    private readonly StageScheduler scheduler;
    private readonly IRunProgress progress;
    private readonly ILogger logger;

    /// <summary>
    /// Creates a pipeline whose models answer through the run store's cache and record their usage
    /// (<see cref="Usage"/>), both under the model identities given per role.
    /// </summary>
    public EdcPipeline(EdcBackends backends, EdcPrompts prompts, EdcSettings settings, RunStore store, IReadOnlyDictionary<ModelRole, string> modelIdentities, IRunProgress? progress = null, ILogger? logger = null)
    {
        if (settings.RefinementIterations > 0 && (prompts.EntityExtraction is null || backends.EntityExtraction is null || backends.SchemaRetrieverEmbedder is null))
        {
            throw new ArgumentException("Refinement iterations need the entity extraction model, the schema retriever embedder and the refinement prompts.");
        }

        if (settings.EntityResolution is not null && prompts.EntityResolution is null)
        {
            throw new ArgumentException("Entity resolution needs its prompt template (er_template.txt).");
        }

        // A local model counts its prompts: one that cannot fit fails its chunk before it reaches the model.
        unwrapped = backends;
        var guarded = backends with
        {
            OpenExtraction = ContextGuardChatClient.Around(backends.OpenExtraction),
            SchemaDefinition = ContextGuardChatClient.Around(backends.SchemaDefinition),
            Verifier = ContextGuardChatClient.Around(backends.Verifier),
            EntityExtraction = backends.EntityExtraction is { } entities ? ContextGuardChatClient.Around(entities) : null,
            EntityResolution = backends.EntityResolution is { } resolution ? ContextGuardChatClient.Around(resolution) : null,
        };
        models = ModelMiddleware.Apply(guarded, modelIdentities, store, Usage);
        this.prompts = prompts;
        this.settings = settings;
        this.store = store;
        this.logger = logger ?? NullLogger.Instance;
        this.progress = progress ?? new SilentProgress();
        scheduler = new StageScheduler(store, settings.Parallelism, this.progress, this.logger);
    }

    /// <summary>Requests, tokens and time per role and model of the calls that reached a model (cache hits left out).</summary>
    public UsageLedger Usage { get; } = new();

    /// <summary>Receives each document's final canonical triples as they are stored, and the snapshot at the end; optional.</summary>
    public ICanonicalTripleSink? TripleSink { get; init; }

    /// <summary>
    /// Whether a stored run over another corpus is updated to this one (<c>--update</c>) instead of refused: only
    /// changed and new documents are processed, removed ones are retired.
    /// </summary>
    public bool Update { get; init; }

    /// <summary>Told how the corpus changed before an update does any work (to show it to the user).</summary>
    public Action<CorpusChanges>? UpdatePlanned { get; init; }

    /// <summary>The clock of recorded updates.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Runs (or resumes) the whole job and writes the iteration folders into <paramref name="outputDirectory"/>.</summary>
    public async Task<RunSummary> RunAsync(IReadOnlyList<Document> corpus, IReadOnlyList<SchemaRelation> targetSchema, IReadOnlyDictionary<string, string> manifest, string outputDirectory, CancellationToken cancellationToken)
    {
        var (documents, chunks) = await StartAsync(corpus, targetSchema, manifest, cancellationToken).ConfigureAwait(false);
        await DocumentsFile.WriteAsync(outputDirectory, documents, cancellationToken).ConfigureAwait(false);
        var byIndex = documents.ToDictionary(d => d.Index);
        var chunksOf = DocumentAssembly.ByDocument(chunks);
        // The unit of every stage is a chunk: a document that fits the budget is one chunk, its whole text.
        var items = chunks.Select(c => new WorkItem(new ItemKey(c.DocumentIndex, c.Index), byIndex[c.DocumentIndex], c.Text)).ToList();
        var corrections = await CorrectionSet.LoadAsync(store.Path, cancellationToken).ConfigureAwait(false);
        var enrich = settings.EnrichSchema || targetSchema.Count == 0;
        var tally = new RunTally();
        IReadOnlyList<DocumentResult> previous = [];
        for (var iteration = 0; iteration <= settings.RefinementIterations; iteration++)
        {
            logger.LogInformation("Iteration {Iteration}", iteration);
            var pass = new IterationPass(iteration, items, enrich, iteration == settings.RefinementIterations);
            var hints = iteration == 0 ? NoHints : await HintAsync(pass, previous, cancellationToken).ConfigureAwait(false);
            var triples = iteration == 0
                ? await ExtractAsync(pass, cancellationToken).ConfigureAwait(false)
                : await ExtractRefinedAsync(pass, hints, cancellationToken).ConfigureAwait(false);
            var definitions = await DefineAsync(pass, triples, cancellationToken).ConfigureAwait(false);
            var canonical = await CanonicalizeAsync(pass, chunksOf, hints, triples, definitions, cancellationToken).ConfigureAwait(false);

            var assembled = documents.Select(d => DocumentAssembly.Assemble(d, chunksOf[d.Index], iteration, hints, triples, definitions, canonical)).ToList();
            tally.Unfinished = assembled.Count(r => r is null);
            if (tally.Unfinished > 0)
            {
                // Outputs list every item in corpus order, and later iterations read the whole schema: both wait
                // until the next run has done the failed items.
                logger.LogWarning("Iteration {Iteration}: {Unfinished} of {Total} documents unfinished because model requests failed; run the same command again to retry them", iteration, tally.Unfinished, documents.Count);
                break;
            }

            previous = assembled.Select(r => r!).ToList();
            var written = corrections.Apply(previous);
            await EdcOutputWriter.WriteIterationAsync(outputDirectory, iteration, written, cancellationToken).ConfigureAwait(false);
            if (settings.EntityResolution is not null)
            {
                // The mentions are those of the triples as written: a triple a reviewer dropped mentions nothing.
                await ResolveEntitiesAsync(iteration, written, corrections, outputDirectory, cancellationToken).ConfigureAwait(false);
            }

            tally.Add(iteration, previous, hints.Values);
        }

        if (TripleSink is { } sink)
        {
            await sink.CompleteAsync(await RunSnapshotReader.ReadAsync(store, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }

        return await SummaryAsync(documents.Count, tally, previous, cancellationToken).ConfigureAwait(false) with { Chunks = chunks.Count };
    }

    /// <summary>Stage 1 of iteration 0: open extraction.</summary>
    private Task<IReadOnlyDictionary<ItemKey, OpenExtractionOutput>> ExtractAsync(IterationPass pass, CancellationToken cancellationToken)
    {
        var stage = new OpenExtraction(models.OpenExtraction, prompts.OpenExtraction, prompts.OpenExtractionExamples, settings.OpenExtractionMaxTokens);
        return scheduler.RunAsync(stage.Over(pass.Iteration, pass.Items, i => new OpenExtractionInput(i.Text)), cancellationToken);
    }

    /// <summary>The hints of refinement iteration k: entity extraction, entity merging and schema retrieval over the last iteration's results.</summary>
    private async Task<IReadOnlyDictionary<ItemKey, RefinementHintOutput>> HintAsync(IterationPass pass, IReadOnlyList<DocumentResult> previous, CancellationToken cancellationToken)
    {
        var schema = await store.LoadSchemaAsync(cancellationToken).ConfigureAwait(false);
        var retrieval = await SchemaRetrieval.BuildAsync(schema, models.SchemaRetrieverEmbedder!, settings.RetrievedRelations, cancellationToken).ConfigureAwait(false);
        // An example's text is the chunk it was read in: a whole long document would not fit a hint.
        var previousTriples = new Dictionary<ItemKey, List<Triple>>();
        var examplePairs = new List<(Triple Triple, string Text)>();
        foreach (var result in previous)
        {
            var chunkTexts = result.Chunks.ToDictionary(c => c.Chunk.Index, c => c.Chunk.Text);
            foreach (var triple in result.CanonicalTriples())
            {
                var places = triple.Occurrences.Count > 0 ? triple.Occurrences.Select(o => o.ChunkIndex).Distinct().ToList() : [0];
                foreach (var chunk in places)
                {
                    var key = new ItemKey(result.Document.Index, chunk);
                    if (!previousTriples.TryGetValue(key, out var list))
                    {
                        previousTriples[key] = list = [];
                    }

                    list.Add(triple.Triple);
                }

                examplePairs.Add((triple.Triple, chunkTexts.GetValueOrDefault(places[0], result.Document.Text)));
            }
        }

        var examples = examplePairs
            .GroupBy(e => e.Triple.Relation, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<(Triple, string)>)g.ToList(), StringComparer.Ordinal);
        var context = new RefinementContext(pass.Iteration, schema.ToDictionary(r => r.Name, StringComparer.Ordinal), examples, settings.Seed);
        var stage = new RefinementHints(
            new EntityExtraction(models.EntityExtraction!, prompts.EntityExtraction!, prompts.EntityExtractionExamples!, settings.EntityMaxTokens),
            new EntityMerging(models.EntityExtraction!, prompts.EntityMerging!, settings.EntityMaxTokens),
            retrieval,
            context);
        return await scheduler.RunAsync(stage.Over(pass.Iteration, pass.Items, i => new RefinementHintInput(i.Key, i.Text, previousTriples.TryGetValue(i.Key, out var list) ? list : [])), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stage 1 of iteration k: refined open extraction with the hints.</summary>
    private Task<IReadOnlyDictionary<ItemKey, OpenExtractionOutput>> ExtractRefinedAsync(IterationPass pass, IReadOnlyDictionary<ItemKey, RefinementHintOutput> hints, CancellationToken cancellationToken)
    {
        var stage = new RefinedOpenExtraction(models.OpenExtraction, prompts.RefinedOpenExtraction!, prompts.RefinedOpenExtractionExamples!, settings.OpenExtractionMaxTokens);
        return scheduler.RunAsync(stage.Over(pass.Iteration, StageScheduler.Ready(pass.Items, hints), i => new RefinedOpenExtractionInput(i.Text, hints[i.Key].Hint)), cancellationToken);
    }

    /// <summary>Stage 2: schema definition of the extracted relations.</summary>
    private Task<IReadOnlyDictionary<ItemKey, SchemaDefinitionOutput>> DefineAsync(IterationPass pass, IReadOnlyDictionary<ItemKey, OpenExtractionOutput> triples, CancellationToken cancellationToken)
    {
        var stage = new SchemaDefinition(models.SchemaDefinition, prompts.SchemaDefinition, prompts.SchemaDefinitionExamples, settings.SchemaDefinitionMaxTokens);
        return scheduler.RunAsync(stage.Over(pass.Iteration, StageScheduler.Ready(pass.Items, triples), i => new SchemaDefinitionInput(i.Text, triples[i.Key].Triples)), cancellationToken);
    }

    /// <summary>Stage 3: schema canonicalization (target alignment, then self-canonicalization when the schema grows).</summary>
    private async Task<IReadOnlyDictionary<ItemKey, SchemaCanonicalizationOutput>> CanonicalizeAsync(
        IterationPass pass,
        IReadOnlyDictionary<int, IReadOnlyList<Chunk>> chunksOf,
        IReadOnlyDictionary<ItemKey, RefinementHintOutput> hints,
        IReadOnlyDictionary<ItemKey, OpenExtractionOutput> triples,
        IReadOnlyDictionary<ItemKey, SchemaDefinitionOutput> definitions,
        CancellationToken cancellationToken)
    {
        // A triple read again in a later chunk of its document is canonicalized once, where it was first read; a
        // document's chunks wait until all of them have their definitions, so that rule sees every chunk.
        var asked = new Dictionary<ItemKey, IReadOnlyList<Triple>>();
        var documentReady = new HashSet<int>();
        foreach (var (document, chunks) in chunksOf)
        {
            var keys = chunks.Select(c => new ItemKey(document, c.Index)).ToList();
            if (!keys.All(definitions.ContainsKey))
            {
                continue;
            }

            documentReady.Add(document);
            var first = ChunkMerge.FirstOccurrences(keys.Select(k => triples[k].Triples).ToList());
            for (var i = 0; i < keys.Count; i++)
            {
                asked[keys[i]] = first[i];
            }
        }

        var ready = pass.Items.Where(i => documentReady.Contains(i.Key.DocumentIndex)).ToList();
        var sinkTracker = new SinkTracker(chunksOf);
        var schema = await CanonicalSchema.BuildAsync(await store.LoadSchemaAsync(cancellationToken).ConfigureAwait(false), models.CanonicalizationEmbedder, cancellationToken).ConfigureAwait(false);
        var alignment = new TargetAlignment(models.Verifier, models.CanonicalizationEmbedder, prompts.Verification, settings.CanonicalizationTopK, settings.VerifierMaxTokens);
        var stage = new SchemaCanonicalization(alignment, pass.EnrichSchema);
        var iteration = pass.Iteration;
        var steps = stage.Over(iteration, pass.Items, i => new SchemaCanonicalizationInput(i.Text, asked[i.Key], definitions[i.Key], schema)) with
        {
            AlsoWrite = (item, output, write) => write.SchemaAdditions.AddRange(output.AddedRelations.Select(r => (r, iteration, item.Key.DocumentIndex))),
            Committed = pass.IsLast && TripleSink is { } sink
                ? (item, output) => sinkTracker.Done(item, output) is { } outputs
                    ? sink.AddAsync(item.Document, DocumentAssembly.Assemble(item.Document, chunksOf[item.Key.DocumentIndex], iteration, hints, triples, null, outputs)!.CanonicalTriples().ToList(), cancellationToken).AsTask()
                    : Task.CompletedTask
                : null,
        };

        // With entity resolution the graph is written once the entities are known (CompleteAsync, from the store).
        if (settings.EntityResolution is not null)
        {
            steps = steps with { Committed = null };
        }

        // A growing schema is built in corpus order: canonicalization stops before the first unready item.
        return pass.EnrichSchema
            ? await scheduler.RunInCorpusOrderAsync(steps with { Items = StageScheduler.ReadyInOrder(pass.Items, asked) }, schema, settings.CanonicalizationTopK, cancellationToken).ConfigureAwait(false)
            : await scheduler.RunAsync(steps with { Items = ready }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Entity resolution over the iteration's canonical triples: each mention, in corpus order, joins an entity or
    /// starts one (<see cref="EntityResolution"/>); the decisions are kept in the run store as they are taken, so a
    /// resumed or repeated run replays them. Writes <c>entities.jsonl</c> and <c>entity_decisions.jsonl</c> and adds
    /// the entity ids to <c>triples.jsonl</c>; <c>canon_kg.txt</c> keeps the names as extracted.
    /// </summary>
    private async Task ResolveEntitiesAsync(int iteration, IReadOnlyList<DocumentResult> results, CorrectionSet corrections, string outputDirectory, CancellationToken cancellationToken)
    {
        var mentions = EntityMentions.Collect(results.Select(r => (r.Document, (IReadOnlyList<Triple>)r.CanonicalTriples().Select(t => t.Triple).ToList())));
        await using var log = EntityStore.Open(store);
        var stage = new EntityResolution(
            models.EntityResolution ?? models.Verifier, models.EntityResolutionEmbedder ?? models.CanonicalizationEmbedder, prompts.EntityResolution!, log, settings.EntityResolution);
        var done = (await log.LoadAsync(iteration, cancellationToken).ConfigureAwait(false)).Count;
        EntityResolutionResult resolved;
        using (var stageProgress = progress.BeginStage(stage.Name, iteration, mentions.Count, Math.Min(done, mentions.Count)))
        {
            // A mention a reviewer split off an entity is not merged back into it.
            var keptApart = corrections.EntitySplits
                .GroupBy(s => EntityMention.MentionKey(s.DocumentId, s.NewName), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(s => s.Entity).ToList(), StringComparer.Ordinal);
            resolved = await stage.InvokeAsync(new EntityResolutionInput(iteration, mentions) { Progress = stageProgress, KeptApart = keptApart }, cancellationToken).ConfigureAwait(false);
        }

        logger.LogInformation(
            "Iteration {Iteration}: {Mentions} entity mentions resolved into {Entities} entities ({Questions} questions, {Replayed} decisions replayed)",
            iteration, mentions.Count, resolved.Entities.Count, resolved.Questions, resolved.Decisions.Count - resolved.Decided);
        await log.SaveResultAsync(iteration, resolved, mentions, cancellationToken).ConfigureAwait(false);
        await EntityOutputWriter.WriteIterationAsync(outputDirectory, iteration, resolved, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The run's items: from the store when it holds this run (resumed), else the corpus, stored with the manifest
    /// and the target schema in one transaction first.
    /// </summary>
    private async Task<(IReadOnlyList<Document> Documents, IReadOnlyList<Chunk> Chunks)> StartAsync(IReadOnlyList<Document> corpus, IReadOnlyList<SchemaRelation> targetSchema, IReadOnlyDictionary<string, string> manifest, CancellationToken cancellationToken)
    {
        var stored = await store.ReadManifestAsync(cancellationToken).ConfigureAwait(false);
        var documents = await store.LoadDocumentsAsync(cancellationToken).ConfigureAwait(false);
        if (stored.Count > 0 && documents.Count > 0 && Update)
        {
            return await UpdateAsync(stored, documents, corpus, manifest, cancellationToken).ConfigureAwait(false);
        }

        if (stored.Count > 0 && documents.Count > 0)
        {
            RunManifest.EnsureCompatible(stored, manifest, store.Path);
            await EnsureTargetSchemaStoredAsync(stored, cancellationToken).ConfigureAwait(false);
            await store.WriteManifestAsync(manifest, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Resuming the run in {Store}", store.Path);
            // The chunks are those the run started with (a store of an earlier version has none: one chunk per document).
            var storedChunks = await store.LoadChunksAsync(documents, cancellationToken).ConfigureAwait(false);
            return (documents, storedChunks.Count > 0 ? storedChunks : documents.Select(d => CodePoints.ChunkOf(d, 0, 0, CodePoints.Length(d.Text))).ToList());
        }

        var chunks = Chunk(corpus);
        // The chunks are stored with the documents, in the start's one transaction.
        var chunkWrite = new PendingWrite();
        chunkWrite.Chunks.AddRange(chunks);
        await store.StartRunAsync(manifest, corpus, targetSchema, chunkWrite, cancellationToken).ConfigureAwait(false);
        return (corpus, chunks);
    }

    /// <summary>
    /// <c>--update</c>: the stored run becomes one over <paramref name="corpus"/>. Changed and new documents are left
    /// without outputs, so the stages ask the models about them alone (chunks whose text did not change are answered
    /// by the cache); unchanged documents keep theirs; removed ones are retired, in Neo4j too.
    /// </summary>
    private async Task<(IReadOnlyList<Document> Documents, IReadOnlyList<Chunk> Chunks)> UpdateAsync(
        IReadOnlyDictionary<string, string> stored, IReadOnlyList<Document> documents, IReadOnlyList<Document> corpus, IReadOnlyDictionary<string, string> manifest, CancellationToken cancellationToken)
    {
        RunManifest.EnsureUpdatable(stored, manifest, store.Path);
        var changes = CorpusChanges.Between(documents, corpus);
        UpdatePlanned?.Invoke(changes);
        if (!changes.Any)
        {
            logger.LogInformation("Update of {Store}: the corpus did not change", store.Path);
            var storedChunks = await store.LoadChunksAsync(documents, cancellationToken).ConfigureAwait(false);
            return (documents, storedChunks);
        }

        // The run keeps its id (and so its Neo4j graph) across updates, though its corpus hash changes.
        var updated = new Dictionary<string, string>(manifest, StringComparer.Ordinal) { [RunManifest.RunIdKey] = RunManifest.RunIdOf(stored) };
        var chunks = Chunk(corpus);
        if (TripleSink is { } sink && changes.StaleIds.Count > 0)
        {
            await sink.RetireDocumentsAsync(changes.StaleIds, cancellationToken).ConfigureAwait(false);
        }

        await store.ApplyUpdateAsync(corpus, chunks, changes, updated, Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Updated {Store}: {Changes}", store.Path, changes);
        return (corpus, chunks);
    }

    /// <summary>Cuts the corpus into chunks whose prompts fit every stage model's context (<see cref="ChunkBudget"/>).</summary>
    private List<Chunk> Chunk(IReadOnlyList<Document> corpus)
    {
        var budget = ChunkBudget.Of(ChunkBudget.CostsOf(prompts, settings, unwrapped), settings.Chunking);
        var counter = unwrapped.OpenExtraction.GetService<ITokenCounter>() ?? new EstimatedTokenCounter();
        var chunker = new DocumentChunker(counter, budget, settings.Chunking.OverlapSentences);
        var chunks = corpus.SelectMany(chunker.Split).ToList();
        var chunked = chunks.Count - corpus.Count;
        if (chunked > 0)
        {
            logger.LogInformation("{Documents} documents in {Chunks} chunks of at most {Budget} tokens", corpus.Count, chunks.Count, budget);
        }

        return chunks;
    }

    /// <summary>Counts each document's canonicalized chunks as they are committed, to hand the sink whole documents.</summary>
    private sealed class SinkTracker(IReadOnlyDictionary<int, IReadOnlyList<Chunk>> chunksOf)
    {
        private readonly Dictionary<int, Dictionary<ItemKey, SchemaCanonicalizationOutput>> done = [];

        /// <summary>The outputs of all the document's chunks once <paramref name="item"/> was its last, else null.</summary>
        public IReadOnlyDictionary<ItemKey, SchemaCanonicalizationOutput>? Done(WorkItem item, SchemaCanonicalizationOutput output)
        {
            lock (done)
            {
                if (!done.TryGetValue(item.Key.DocumentIndex, out var outputs))
                {
                    done[item.Key.DocumentIndex] = outputs = [];
                }

                outputs[item.Key] = output;
                return outputs.Count == chunksOf[item.Key.DocumentIndex].Count ? outputs : null;
            }
        }
    }

    /// <summary>
    /// Refuses a store whose start was cut between its writes by a version that did not write them in one
    /// transaction: it holds the manifest and documents without the target schema, and would drop every triple.
    /// </summary>
    private async Task EnsureTargetSchemaStoredAsync(IReadOnlyDictionary<string, string> stored, CancellationToken cancellationToken)
    {
        var relations = (await store.LoadSchemaAsync(cancellationToken).ConfigureAwait(false)).Count(r => r.Origin == RelationOrigin.Target);
        // Only the empty schema is the mark of it: a target schema with a repeated name is stored once.
        if (relations == 0 && stored.TryGetValue("schema.relations", out var expected) && expected != "0")
        {
            throw new RunMismatchException($"{store.Path}: this run's start was interrupted before its {expected} target schema relations were stored. Start it again in a new --output-dir.");
        }
    }

    private async Task<RunSummary> SummaryAsync(int items, RunTally tally, IReadOnlyList<DocumentResult> last, CancellationToken cancellationToken)
    {
        var schemaSize = (await store.LoadSchemaAsync(cancellationToken).ConfigureAwait(false)).Count;
        return new RunSummary(items, tally.Written, last.Sum(r => r.CanonicalTriples().Count()), schemaSize, scheduler.ResumedStages, tally.Unparsed, tally.Undefined)
        {
            Failures = await store.LoadFailuresAsync(cancellationToken).ConfigureAwait(false),
            UnfinishedDocuments = tally.Unfinished,
            TruncatedAnswers = tally.Truncated,
        };
    }

    /// <summary>One iteration over the corpus: its number, its items in corpus order, whether the schema grows, whether it is the last.</summary>
    private sealed record IterationPass(int Iteration, IReadOnlyList<WorkItem> Items, bool EnrichSchema, bool IsLast);

    /// <summary>What the summary counts over the iterations written.</summary>
    private sealed class RunTally
    {
        public int Written { get; private set; } = -1;

        public int Unparsed { get; private set; }

        public int Undefined { get; private set; }

        public int Unfinished { get; set; }

        public int Truncated { get; private set; }

        public void Add(int iteration, IReadOnlyList<DocumentResult> results, IEnumerable<RefinementHintOutput> hints)
        {
            Written = iteration;
            Unparsed += results.Sum(r => r.OpenExtraction.Unparsed.Count);
            Undefined += results.Sum(r => r.SchemaDefinition.Missing.Count);
            Truncated += hints.Sum(h => h.TruncatedAnswers)
                + results.Sum(r => (r.OpenExtraction.Truncated ? 1 : 0) + r.SchemaDefinition.TruncatedAnswers + r.SchemaCanonicalization.TruncatedAnswers);
        }
    }
}
