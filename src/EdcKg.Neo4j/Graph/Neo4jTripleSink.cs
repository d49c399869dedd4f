using System.Threading.Channels;
using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;
using EdcKg.Neo4j.QueryApi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdcKg.Neo4j.Graph;

/// <summary>
/// Writes a run into Neo4j while it goes on: documents are queued as they finish and written in the background in
/// batches of about <see cref="Neo4jSettings.BatchSize"/> triples, so the run never waits for Neo4j. If Neo4j fails
/// (down, refused, out of retries) the sink logs a warning and stops writing; the run completes into its store and
/// <c>edckg export neo4j</c> writes the graph later. At the end it writes what the queue did not carry (documents
/// finished before a resume) and the final schema.
/// </summary>
public sealed class Neo4jTripleSink : ICanonicalTripleSink, IAsyncDisposable
{
    private readonly GraphWriter _writer;
    private readonly string _runId;
    private readonly string _graph;
    private readonly HashSet<string> _chunksWritten = new(StringComparer.Ordinal);
    private readonly int _batchSize;
    private readonly ILogger _logger;
    private readonly Channel<(Document Document, IReadOnlyList<CanonicalTriple> Triples)> _queue =
        Channel.CreateUnbounded<(Document, IReadOnlyList<CanonicalTriple>)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<int> _written = [];
    private readonly Task _loop;
    private QueryCounters _counters = QueryCounters.None;

    /// <summary>Starts the background writer for run <paramref name="runId"/>, into graph <paramref name="graph"/> (the run's id when null).</summary>
    public Neo4jTripleSink(QueryApiClient client, string runId, ILogger? logger = null, string? graph = null)
    {
        _graph = string.IsNullOrEmpty(graph) ? runId : graph;
        _logger = logger ?? NullLogger.Instance;
        _writer = new GraphWriter(client, _logger);
        _runId = runId;
        _batchSize = client.Settings.BatchSize;
        Target = client.Settings.ToString();
        _loop = Task.Run(() => WriteQueuedAsync(_stopping.Token));
    }

    /// <summary>The failure that stopped the writes, or null while all went well.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>What the writes changed in the graph so far (complete once <see cref="CompleteAsync"/> returned).</summary>
    public QueryCounters Counters => _counters;

    /// <summary>The documents whose triples are in Neo4j (complete once <see cref="CompleteAsync"/> returned).</summary>
    public int DocumentsWritten
    {
        get
        {
            lock (_written)
            {
                return _written.Count;
            }
        }
    }

    private string Target { get; }

    /// <inheritdoc/>
    public ValueTask AddAsync(Document document, IReadOnlyList<CanonicalTriple> triples, CancellationToken cancellationToken)
    {
        // Unbounded and never awaited by the run: a slow or absent Neo4j must not slow extraction down.
        _queue.Writer.TryWrite((document, triples));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task CompleteAsync(RunSnapshot snapshot, CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        if (Failure is null)
        {
            List<Document> documents;
            lock (_written)
            {
                documents = snapshot.Documents.Where(d => !_written.Contains(d.Index)).ToList();
            }

            var indexes = documents.Select(d => d.Index).ToHashSet();
            var triples = snapshot.Triples.Where(t => indexes.Contains(t.DocumentIndex)).ToList();
            List<Core.Chunking.Chunk> chunks;
            lock (_written)
            {
                // Chunks that held no triple were not written with their document's triples.
                chunks = snapshot.Chunks.Where(c => !_chunksWritten.Contains(c.Id)).ToList();
            }

            await TryWriteAsync(new GraphBatch(snapshot.RunId, documents, snapshot.Relations, triples, null, snapshot.Entities) { Graph = _graph, Chunks = chunks }, indexes, cancellationToken).ConfigureAwait(false);
            if (Failure is null && snapshot.Superseded is { Count: > 0 } superseded)
            {
                // Relationships from the iterations before the final one, written by an earlier run or export.
                await TryWriteAsync(new GraphBatch(snapshot.RunId, [], [], [], superseded) { Graph = _graph }, [], cancellationToken).ConfigureAwait(false);
            }

            if (Failure is null && snapshot.Corrected is { Count: > 0 } corrected)
            {
                // Reviewers' corrections: the documents' corrected triples, then the deletion of what they replaced.
                var touched = corrected.Select(c => c.DocumentIndex).ToHashSet();
                var current = snapshot.Triples.Where(t => touched.Contains(t.DocumentIndex)).ToList();
                await TryWriteAsync(new GraphBatch(snapshot.RunId, [], [], current, null, snapshot.Entities) { Corrected = corrected }, [], cancellationToken).ConfigureAwait(false);
            }
        }

        if (Failure is not null)
        {
            _logger.LogWarning(
                "Neo4j ({Target}): the graph of run {RunId} is incomplete ({Written} of {Total} documents written): {Reason} The run itself is complete; write the graph later with 'edckg export neo4j --run <output dir>'.",
                Target, snapshot.RunId, DocumentsWritten, snapshot.Documents.Count, Failure.Message);
        }
    }

    /// <inheritdoc/>
    public async Task RetireDocumentsAsync(IReadOnlyList<string> documentIds, CancellationToken cancellationToken)
    {
        try
        {
            _counters = _counters.Add(await _writer.RetireDocumentsAsync(_graph, documentIds, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Fail(ex);
        }
    }

    /// <summary>Stops the background writer without waiting for queued documents (they stay in the run store).</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        _stopping.Dispose();
    }

    private async Task WriteQueuedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _writer.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Fail(ex);
        }

        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var documents = new List<Document>();
            var triples = new List<CanonicalTriple>();
            while (triples.Count < _batchSize && reader.TryRead(out var item))
            {
                documents.Add(item.Document);
                triples.AddRange(item.Triples);
            }

            if (Failure is null)
            {
                // The chunks the triples were read in, rebuilt from their documents, so their mentions have nodes to link.
                var byIndex = documents.ToDictionary(d => d.Index);
                var chunks = triples
                    .SelectMany(t => t.Occurrences.Select(o => (t.DocumentIndex, o.ChunkIndex, o.ChunkStart, o.ChunkEnd)))
                    .Distinct()
                    .Select(o => Core.Chunking.CodePoints.ChunkOf(byIndex[o.DocumentIndex], o.ChunkIndex, o.ChunkStart, o.ChunkEnd))
                    .ToList();
                await TryWriteAsync(new GraphBatch(_runId, documents, [], triples) { Graph = _graph, Chunks = chunks }, documents.Select(d => d.Index), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task TryWriteAsync(GraphBatch batch, IEnumerable<int> documents, CancellationToken cancellationToken)
    {
        try
        {
            _counters = _counters.Add(await _writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false));
            lock (_written)
            {
                _written.UnionWith(documents);
                _chunksWritten.UnionWith(batch.Chunks.Select(c => c.Id));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Fail(ex);
        }
    }

    private void Fail(Exception ex)
    {
        Failure = ex;
        _logger.LogWarning("Neo4j ({Target}): writing stopped: {Reason} The run goes on; its graph can be exported later.", Target, ex.Message);
    }
}
