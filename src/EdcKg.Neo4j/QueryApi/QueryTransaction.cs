namespace EdcKg.Neo4j.QueryApi;

/// <summary>
/// An open explicit transaction of the Query API. Every request carries the cluster affinity the server gave when
/// the transaction began, so a cluster routes it to the member that holds the transaction.
/// </summary>
public sealed class QueryTransaction
{
    private readonly QueryApiClient _client;
    private string? _affinity;
    private bool _finished;

    internal QueryTransaction(QueryApiClient client, string id, string? affinity, string? expires)
    {
        _client = client;
        Id = id;
        _affinity = affinity;
        Expires = expires;
    }

    /// <summary>The server's id of the transaction.</summary>
    public string Id { get; }

    /// <summary>When the server will roll it back if idle, as it last said.</summary>
    public string? Expires { get; private set; }

    /// <summary>Runs a statement inside the transaction (<c>POST …/tx/{id}</c>). Not retried: a failure ends the transaction.</summary>
    public async Task<QueryResult> RunAsync(CypherStatement statement, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        var (body, affinity) = await _client.SendAsync(HttpMethod.Post, _client.TransactionPath(Id), QueryApiClient.Body(statement), _affinity, cancellationToken).ConfigureAwait(false);
        _affinity = affinity;
        if (body.ValueKind == System.Text.Json.JsonValueKind.Object && body.TryGetProperty("transaction", out var t)
            && t.TryGetProperty("expires", out var e) && e.ValueKind == System.Text.Json.JsonValueKind.String)
        {
            Expires = e.GetString();
        }

        return QueryApiClient.ReadResult(body);
    }

    /// <summary>Commits the transaction (<c>POST …/tx/{id}/commit</c>).</summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        await _client.SendAsync(HttpMethod.Post, _client.TransactionPath(Id) + "/commit", "{}"u8.ToArray(), _affinity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rolls the transaction back (<c>DELETE …/tx/{id}</c>).</summary>
    public async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        await _client.SendAsync(HttpMethod.Delete, _client.TransactionPath(Id), null, _affinity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rolls back, ignoring failures: used after another failure, which is the one worth reporting.</summary>
    internal async Task TryRollbackAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await RollbackAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Neo4jQueryException or OperationCanceledException)
        {
            // The server rolls an abandoned transaction back when it expires.
        }
    }
}
