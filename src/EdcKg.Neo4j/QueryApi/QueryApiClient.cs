using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace EdcKg.Neo4j.QueryApi;

/// <summary>
/// A client of Neo4j's HTTP Query API (<c>/db/{database}/query/v2</c>, Neo4j 5 and Aura): implicit and explicit
/// transactions, basic or bearer auth, transient failures retried with exponential backoff (a Polly pipeline),
/// authentication and statement errors surfaced at once with Neo4j's code. Timeouts and backoff wait on the given
/// <see cref="TimeProvider"/>. Safe for concurrent use.
/// </summary>
public sealed class QueryApiClient
{
    /// <summary>The header a cluster sends with a new transaction; it must come back on every later request of it.</summary>
    public const string AffinityHeader = "neo4j-cluster-affinity";

    // What a retried call does ("query", "transaction"...), for the retry's log line.
    private static readonly ResiliencePropertyKey<string> WhatKey = new("edckg.neo4j.what");

    private readonly HttpClient _http;
    private readonly Neo4jSettings _settings;
    private readonly ILogger _logger;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _retries;

    /// <summary>
    /// Creates a client over <paramref name="http"/> (owned by the caller); request timeouts and retry backoff run on
    /// <paramref name="time"/> (the system clock when null).
    /// </summary>
    public QueryApiClient(HttpClient http, Neo4jSettings settings, ILogger? logger = null, TimeProvider? time = null)
    {
        _http = http;
        _settings = settings;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _retries = RetryPipeline();
        _authorization = settings.BearerToken is not null
            ? new AuthenticationHeaderValue("Bearer", settings.BearerToken)
            : settings.Username is not null
                ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.Username}:{settings.Password}")))
                : null;
    }

    /// <summary>The settings this client uses.</summary>
    public Neo4jSettings Settings => _settings;

    /// <summary>Runs one statement in its own (implicit) transaction, retrying transient failures.</summary>
    public Task<QueryResult> RunAsync(CypherStatement statement, CancellationToken cancellationToken = default) =>
        RetryAsync(
            async ct => ReadResult((await SendAsync(HttpMethod.Post, QueryPath, Body(statement), null, ct).ConfigureAwait(false)).Body),
            "query",
            cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in an explicit transaction and commits it. A transient failure anywhere rolls the
    /// transaction back and runs all of <paramref name="work"/> again in a new one, so the work must be repeatable.
    /// </summary>
    public Task<T> RunInTransactionAsync<T>(Func<QueryTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default) =>
        RetryAsync(
            async ct =>
            {
                var transaction = await BeginOnceAsync(ct).ConfigureAwait(false);
                try
                {
                    var result = await work(transaction, ct).ConfigureAwait(false);
                    await transaction.CommitAsync(ct).ConfigureAwait(false);
                    return result;
                }
                catch
                {
                    await transaction.TryRollbackAsync().ConfigureAwait(false);
                    throw;
                }
            },
            "transaction",
            cancellationToken);

    /// <summary>Opens an explicit transaction (<c>POST …/query/v2/tx</c>); the caller commits or rolls it back.</summary>
    public Task<QueryTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default) =>
        RetryAsync(BeginOnceAsync, "begin transaction", cancellationToken);

    private string QueryPath => $"db/{Uri.EscapeDataString(_settings.Database)}/query/v2";

    internal string TransactionPath(string id) => $"{QueryPath}/tx/{Uri.EscapeDataString(id)}";

    private async Task<QueryTransaction> BeginOnceAsync(CancellationToken cancellationToken)
    {
        var (body, affinity) = await SendAsync(HttpMethod.Post, $"{QueryPath}/tx", "{}"u8.ToArray(), null, cancellationToken).ConfigureAwait(false);
        if (!body.TryGetProperty("transaction", out var transaction) || transaction.ValueKind != JsonValueKind.Object
            || !transaction.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            throw new Neo4jQueryException("Neo4j Query API: the answer to a new transaction has no transaction.id.", null, null, isTransient: false);
        }

        var expires = transaction.TryGetProperty("expires", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        return new QueryTransaction(this, id.GetString()!, affinity, expires);
    }

    internal static byte[] Body(CypherStatement statement)
    {
        var body = new Dictionary<string, object?> { ["statement"] = statement.Text, ["includeCounters"] = true };
        if (statement.Parameters is { Count: > 0 })
        {
            body["parameters"] = statement.Parameters;
        }

        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    internal async Task<(JsonElement Body, string? Affinity)> SendAsync(HttpMethod method, string path, byte[]? body, string? affinity, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseUri, path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = _authorization;
        if (affinity is not null)
        {
            request.Headers.TryAddWithoutValidation(AffinityHeader, affinity);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var deadline = new CancellationTokenSource(_settings.RequestTimeout, _time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        HttpResponseMessage response;
        string text;
        try
        {
            response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new Neo4jQueryException($"Neo4j at {_settings.Uri}: no answer within {_settings.RequestTimeout.TotalSeconds:0.#} s.", null, null, isTransient: true, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new Neo4jQueryException($"Neo4j at {_settings.Uri} cannot be reached: {ex.Message}", null, null, isTransient: true, ex);
        }

        using (response)
        {
            var answer = Parse(text);
            if (answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var first = errors[0];
                var code = first.TryGetProperty("code", out var c) ? c.GetString() : null;
                var message = first.TryGetProperty("message", out var m) ? m.GetString() : null;
                var transient = code?.StartsWith("Neo.TransientError.", StringComparison.Ordinal) == true || (int)response.StatusCode >= 500;
                throw new Neo4jQueryException($"Neo4j {code ?? "error"} (HTTP {(int)response.StatusCode}): {message}", code, response.StatusCode, transient);
            }

            if (!response.IsSuccessStatusCode)
            {
                var status = response.StatusCode;
                var reason = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    ? "authentication failed; check NEO4J_USERNAME and NEO4J_PASSWORD (or the --neo4j-user option)"
                    : response.ReasonPhrase ?? "request failed";
                throw new Neo4jQueryException($"Neo4j HTTP {(int)status}: {reason}.", null, status, isTransient: (int)status >= 500 || status == HttpStatusCode.RequestTimeout);
            }

            var returned = response.Headers.TryGetValues(AffinityHeader, out var values) ? values.FirstOrDefault() : null;
            return (answer, returned ?? affinity);
        }
    }

    internal static QueryResult ReadResult(JsonElement body)
    {
        var fields = new List<string>();
        var values = new List<IReadOnlyList<JsonElement>>();
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            if (data.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array)
            {
                fields.AddRange(f.EnumerateArray().Select(x => x.GetString() ?? string.Empty));
            }

            if (data.TryGetProperty("values", out var v) && v.ValueKind == JsonValueKind.Array)
            {
                values.AddRange(v.EnumerateArray().Select(row => (IReadOnlyList<JsonElement>)row.EnumerateArray().Select(x => x.Clone()).ToList()));
            }
        }

        var counters = QueryCounters.None;
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("counters", out var k) && k.ValueKind == JsonValueKind.Object)
        {
            long Count(string name) => k.TryGetProperty(name, out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt64() : 0;
            var updates = k.TryGetProperty("containsUpdates", out var u) && u.ValueKind == JsonValueKind.True;
            counters = new QueryCounters(updates, Count("nodesCreated"), Count("nodesDeleted"), Count("propertiesSet"),
                Count("relationshipsCreated"), Count("relationshipsDeleted"), Count("labelsAdded"), Count("constraintsAdded"));
        }

        var bookmarks = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("bookmarks", out var b) && b.ValueKind == JsonValueKind.Array
            ? b.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToList()
            : [];
        return new QueryResult(fields, values, counters, bookmarks);
    }

    private Uri BaseUri => _settings.Uri.AbsoluteUri.EndsWith('/') ? _settings.Uri : new Uri(_settings.Uri.AbsoluteUri + "/");

    private static JsonElement Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // A proxy's HTML error page, for instance: the status code decides what happens.
            return default;
        }
    }

    private async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> attempt, string what, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(WhatKey, what);
        try
        {
            return await _retries.ExecuteAsync(async (c, state) => await state(c.CancellationToken).ConfigureAwait(false), context, attempt).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    // Transient failures (not refused credentials) are retried with exponential backoff and jitter from InitialBackoff.
    private ResiliencePipeline RetryPipeline()
        => _settings.MaxRetries == 0 ? ResiliencePipeline.Empty : new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _settings.InitialBackoff,
                ShouldHandle = new PredicateBuilder().Handle<Neo4jQueryException>(ex => ex.IsTransient && !ex.IsAuthentication),
                OnRetry = args =>
                {
                    var reason = args.Outcome.Exception is Neo4jQueryException ex ? ex.Code ?? ex.Message : args.Outcome.Exception?.Message;
                    _logger.LogWarning("Neo4j {What} failed transiently ({Reason}); retry {Retry} of {Max} in {Delay} ms.",
                        args.Context.Properties.GetValue(WhatKey, "request"), reason, args.AttemptNumber + 1, _settings.MaxRetries, (int)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
}
