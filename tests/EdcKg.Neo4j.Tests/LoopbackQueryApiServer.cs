using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using TestModels;

namespace EdcKg.Neo4j.Tests;

/// <summary>
/// A loopback HTTP server that implements the documented Neo4j Query API contract (implicit queries, explicit
/// transactions with cluster affinity, basic/bearer auth, errors as <c>errors[].code/message</c>) over an in-memory
/// graph that understands the MERGE statements of our graph model, so tests can count what a write really changed.
/// </summary>
internal sealed class LoopbackQueryApiServer : IAsyncDisposable
{
    public const string Affinity = "member-7";

    private readonly LoopbackHttpServer _server;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, GraphState> _transactions = [];
    private readonly Queue<Func<Request, (int Status, string Body)?>> _faults = new();
    private readonly List<(int Count, TaskCompletionSource Arrived)> _waiters = [];
    private readonly TaskCompletionSource _stopping = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private GraphState _graph = new();
    private int _nextTransaction;
    private int _heldAnswers;

    public LoopbackQueryApiServer(string expectedAuthorization = "Basic " + "bmVvNGo6c2VjcmV0" /* neo4j:secret */)
    {
        ExpectedAuthorization = expectedAuthorization;
        _server = new LoopbackHttpServer(ServeAsync);
        Uri = new Uri($"http://127.0.0.1:{_server.Ports[0]}");
    }

    public Uri Uri { get; }

    public string ExpectedAuthorization { get; }

    public List<Request> Requests { get; } = [];

    public int Entities { get { lock (_gate) { return _graph.Nodes.Count(n => n.StartsWith("Entity|", StringComparison.Ordinal)); } } }

    public int Nodes { get { lock (_gate) { return _graph.Nodes.Count; } } }

    /// <summary>Every node and relationship of the committed graph, by identity, sorted: two servers holding the same graph give the same list.</summary>
    public IReadOnlyList<string> Snapshot() { lock (_gate) { return [.. _graph.Nodes.Concat(_graph.Relationships).Order(StringComparer.Ordinal)]; } }

    public int Relationships { get { lock (_gate) { return _graph.Relationships.Count; } } }

    /// <summary>The relationships that are triples (not a document's HAS_CHUNK or a chunk's MENTIONS).</summary>
    public int TripleRelationships { get { lock (_gate) { return _graph.Relationships.Count(r => !r.StartsWith("HAS_CHUNK|", StringComparison.Ordinal) && !r.StartsWith("MENTIONS|", StringComparison.Ordinal)); } } }

    public IReadOnlyCollection<string> RelationshipTypes { get { lock (_gate) { return _graph.Relationships.Select(r => r.Split('|')[0]).Distinct().ToList(); } } }

    public int Constraints { get { lock (_gate) { return _graph.Constraints.Count; } } }

    /// <summary>Answers the next request with <paramref name="fault"/> instead of serving it (when it returns non-null).</summary>
    public void FailNext(Func<Request, (int Status, string Body)?> fault)
    {
        lock (_gate)
        {
            _faults.Enqueue(fault);
        }
    }

    /// <summary>
    /// Serves the next request normally but holds its answer until the server stops, while it goes on answering
    /// other requests meanwhile (a slow query, not a stuck server).
    /// </summary>
    public void HoldNextAnswer()
    {
        lock (_gate)
        {
            _heldAnswers++;
        }
    }

    /// <summary>Completes when <paramref name="count"/> requests have arrived in all.</summary>
    public Task RequestsArrived(int count)
    {
        lock (_gate)
        {
            if (Requests.Count >= count)
            {
                return Task.CompletedTask;
            }

            var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, arrived));
            return arrived.Task;
        }
    }

    public static string Errors(string code, string message) =>
        new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }) }.ToJsonString();

    public async ValueTask DisposeAsync()
    {
        _stopping.TrySetResult();
        await _server.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var request = new Request(
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.Headers.Authorization.FirstOrDefault(),
            context.Request.Headers[Neo4j.QueryApi.QueryApiClient.AffinityHeader].FirstOrDefault(),
            context.Request.ContentType,
            context.Request.Headers.Accept.Count == 0 ? null : context.Request.Headers.Accept.ToString(),
            body.Length == 0 ? null : JsonNode.Parse(body));
        (int Status, string Body) answer;
        string? affinity = null;
        bool held;
        lock (_gate)
        {
            held = _heldAnswers > 0;
            _heldAnswers -= held ? 1 : 0;
            Requests.Add(request);
            var fault = _faults.Count > 0 ? _faults.Dequeue()(request) : null;
            if (fault is { } f)
            {
                answer = f;
            }
            else
            {
                (answer, affinity) = Handle(request);
            }

            foreach (var waiter in _waiters.Where(w => Requests.Count >= w.Count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Arrived.TrySetResult();
            }
        }

        if (held)
        {
            // The client gives up on this answer long before; it is sent (or dropped) when the server stops.
            await Task.WhenAny(_stopping.Task, Task.Delay(Timeout.Infinite, context.RequestAborted));
            return;
        }

        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json";
        if (affinity is not null)
        {
            context.Response.Headers[Neo4j.QueryApi.QueryApiClient.AffinityHeader] = affinity;
        }

        var bytes = Encoding.UTF8.GetBytes(answer.Body);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private ((int, string), string?) Handle(Request request)
    {
        if (request.Authorization != ExpectedAuthorization)
        {
            return ((401, Errors("Neo.ClientError.Security.Unauthorized", "The client is unauthorized due to authentication failure.")), null);
        }

        var match = Regex.Match(request.Path, "^/db/([^/]+)/query/v2(/tx(?:/([^/]+)(/commit)?)?)?$");
        if (!match.Success)
        {
            return ((404, Errors("Neo.ClientError.Request.Invalid", $"No route {request.Path}")), null);
        }

        var isTransaction = match.Groups[2].Success;
        var id = match.Groups[3].Success ? match.Groups[3].Value : null;
        if (!isTransaction)
        {
            var state = _graph.Clone();
            var result = Execute(state, request.Body);
            if (result.Status == 202)
            {
                _graph = state;
            }

            return (result, null);
        }

        if (id is null)
        {
            id = $"tx{++_nextTransaction}";
            _transactions[id] = _graph.Clone();
            var created = new JsonObject
            {
                ["data"] = new JsonObject { ["fields"] = new JsonArray(), ["values"] = new JsonArray() },
                ["transaction"] = new JsonObject { ["id"] = id, ["expires"] = "2030-01-01T00:00:30Z" },
            };
            return ((202, created.ToJsonString()), Affinity);
        }

        // A cluster routes by the affinity header: without it the request lands where the transaction is unknown.
        if (request.Affinity != Affinity || !_transactions.TryGetValue(id, out var transaction))
        {
            return ((404, Errors("Neo.ClientError.Transaction.TransactionNotFound", $"Transaction {id} not found")), null);
        }

        if (request.Method == "DELETE")
        {
            _transactions.Remove(id);
            return ((202, "{\"data\":{\"fields\":[],\"values\":[]}}"), null);
        }

        if (match.Groups[4].Success)
        {
            _transactions.Remove(id);
            _graph = transaction;
            return ((202, "{\"data\":{\"fields\":[],\"values\":[]},\"bookmarks\":[\"bm-commit\"]}"), null);
        }

        var answer = Execute(transaction, request.Body);
        if (answer.Status != 202)
        {
            _transactions.Remove(id);
        }

        return (answer, null);
    }

    private static (int Status, string Body) Execute(GraphState state, JsonNode? body)
    {
        var statement = body?["statement"]?.GetValue<string>();
        if (statement is null)
        {
            return (400, Errors("Neo.ClientError.Request.Invalid", "No statement"));
        }

        var parameters = body!["parameters"] as JsonObject ?? [];
        var counters = new Counters();
        var fields = new JsonArray();
        var values = new JsonArray();
        if (statement.StartsWith("RETURN ", StringComparison.Ordinal))
        {
            // Echo: every parameter comes back as a column.
            var row = new JsonArray();
            foreach (var (name, value) in parameters)
            {
                fields.Add(name);
                row.Add(value?.DeepClone());
            }

            values.Add(row);
        }
        else if (statement.StartsWith("CREATE CONSTRAINT ", StringComparison.Ordinal) && statement.Contains(" IF NOT EXISTS ", StringComparison.Ordinal))
        {
            if (state.Constraints.Add(statement.Split(' ')[2]))
            {
                counters.ConstraintsAdded++;
            }
        }
        else if (statement.StartsWith("DROP CONSTRAINT ", StringComparison.Ordinal) && statement.EndsWith(" IF EXISTS", StringComparison.Ordinal))
        {
            if (state.Constraints.Remove(statement.Split(' ')[2]))
            {
                counters.ConstraintsRemoved++;
            }
        }
        else if (statement.StartsWith("UNWIND $rows AS row MERGE (d:Document {graph: row.graph, id: row.id})", StringComparison.Ordinal))
        {
            foreach (var row in Rows(parameters))
            {
                counters.Node(state, "Document|" + row["graph"]!.GetValue<string>() + "|" + row["id"]!.GetValue<string>(), 5);
            }
        }
        else if (statement.StartsWith("UNWIND $rows AS row MATCH (d:Document {graph: row.graph, id: row.documentId}) MERGE (c:Chunk {graph: row.graph, id: row.id})", StringComparison.Ordinal))
        {
            foreach (var row in Rows(parameters))
            {
                var graph = row["graph"]!.GetValue<string>();
                if (!state.Nodes.Contains("Document|" + graph + "|" + row["documentId"]!.GetValue<string>()))
                {
                    continue;
                }

                var chunk = "Chunk|" + graph + "|" + row["id"]!.GetValue<string>();
                counters.Node(state, chunk, 7);
                if (state.Relationships.Add("HAS_CHUNK|" + chunk))
                {
                    counters.RelationshipsCreated++;
                }
            }
        }
        else if (statement.StartsWith("UNWIND $rows AS row MERGE (r:Relation {graph: row.graph, name: row.name})", StringComparison.Ordinal))
        {
            foreach (var row in Rows(parameters))
            {
                counters.Node(state, "Relation|" + row["graph"]!.GetValue<string>() + "|" + row["name"]!.GetValue<string>(), 4);
            }
        }
        else if (Regex.Match(statement, @"^UNWIND \$rows AS row MERGE \(s:Entity \{key: row\.subjectKey\}\).* MERGE \(s\)-\[r:`((?:[^`]|``)+)` \{graph: row\.graph, documentId: row\.documentId, iteration: row\.iteration, relation: row\.relation\}\]->\(o\) ON CREATE SET") is { Success: true } relationship)
        {
            var type = relationship.Groups[1].Value.Replace("``", "`", StringComparison.Ordinal);
            foreach (var row in Rows(parameters))
            {
                string Text(string name) => row[name]!.GetValue<string>();
                counters.Node(state, "Entity|" + Text("subjectKey"), 2);
                counters.Node(state, "Entity|" + Text("objectKey"), 2);
                var identity = string.Join('|', type, Text("subjectKey"), Text("objectKey"), Text("graph"), Text("documentId"), row["iteration"]!.GetValue<int>(), Text("relation"));
                if (state.Relationships.Add(identity))
                {
                    // The four identity properties, then every ON CREATE value that is not null (Neo4j stores no nulls).
                    string[] created = ["runId", "documentIndex", "openRelation", "decision", "score", "chunk", "chunkStart", "chunkEnd", "chunks", "subjectStart", "subjectEnd", "objectStart", "objectEnd", "truncated"];
                    counters.RelationshipsCreated++;
                    counters.PropertiesSet += 4 + created.Count(name => row[name] is not null);
                }
            }
        }
        else if (statement.StartsWith("UNWIND $rows AS row MATCH (c:Chunk {graph: row.graph, id: row.chunkId}) MATCH (e:Entity {key: row.key}) MERGE (c)-[m:MENTIONS]->(e)", StringComparison.Ordinal))
        {
            foreach (var row in Rows(parameters))
            {
                var chunk = "Chunk|" + row["graph"]!.GetValue<string>() + "|" + row["chunkId"]!.GetValue<string>();
                var entity = "Entity|" + row["key"]!.GetValue<string>();
                if (state.Nodes.Contains(chunk) && state.Nodes.Contains(entity) && state.Relationships.Add("MENTIONS|" + chunk + "|" + entity))
                {
                    counters.RelationshipsCreated++;
                    counters.PropertiesSet += 2;
                }
            }
        }
        else if (statement == "UNWIND $rows AS row UNWIND row.subjectKeys AS key MATCH (:Entity {key: key})-[r {graph: row.graph, documentId: row.documentId}]->(:Entity) WHERE r.iteration < row.iteration DELETE r")
        {
            foreach (var row in Rows(parameters))
            {
                var (graph, documentId, iteration) = (row["graph"]!.GetValue<string>(), row["documentId"]!.GetValue<string>(), row["iteration"]!.GetValue<int>());
                foreach (var key in row["subjectKeys"]!.AsArray().Select(k => k!.GetValue<string>()))
                {
                    counters.RelationshipsDeleted += state.Relationships.RemoveWhere(identity =>
                    {
                        var parts = identity.Split('|');
                        return parts.Length == 7 && parts[1] == key && parts[3] == graph && parts[4] == documentId && int.Parse(parts[5], System.Globalization.CultureInfo.InvariantCulture) < iteration;
                    });
                }
            }
        }
        else if (statement == "UNWIND $rows AS row UNWIND row.subjectKeys AS key MATCH (:Entity {key: key})-[r {graph: row.graph, documentId: row.documentId, iteration: row.iteration}]->(o:Entity) WHERE NOT (key + '|' + r.relation + '|' + o.key) IN row.keep DELETE r")
        {
            foreach (var row in Rows(parameters))
            {
                var (graph, documentId, iteration) = (row["graph"]!.GetValue<string>(), row["documentId"]!.GetValue<string>(), row["iteration"]!.GetValue<int>());
                var keep = row["keep"]!.AsArray().Select(k => k!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
                foreach (var key in row["subjectKeys"]!.AsArray().Select(k => k!.GetValue<string>()))
                {
                    counters.RelationshipsDeleted += state.Relationships.RemoveWhere(identity =>
                    {
                        // type|subjectKey|objectKey|graph|documentId|iteration|relation
                        var parts = identity.Split('|');
                        return parts.Length == 7 && parts[1] == key && parts[3] == graph && parts[4] == documentId
                            && int.Parse(parts[5], System.Globalization.CultureInfo.InvariantCulture) == iteration
                            && !keep.Contains(parts[1] + "|" + parts[6] + "|" + parts[2]);
                    });
                }
            }
        }
        else if (statement == "UNWIND $rows AS row MATCH (:Entity)-[r {graph: row.graph, documentId: row.id}]->(:Entity) DELETE r")
        {
            foreach (var row in Rows(parameters))
            {
                var (graph, documentId) = (row["graph"]!.GetValue<string>(), row["id"]!.GetValue<string>());
                counters.RelationshipsDeleted += state.Relationships.RemoveWhere(identity =>
                    identity.Split('|') is { Length: 7 } parts && parts[3] == graph && parts[4] == documentId);
            }
        }
        else if (statement == "UNWIND $rows AS row MATCH (d:Document {graph: row.graph, id: row.id}) OPTIONAL MATCH (d)-[:HAS_CHUNK]->(c:Chunk) DETACH DELETE c, d")
        {
            foreach (var row in Rows(parameters))
            {
                var (graph, documentId) = (row["graph"]!.GetValue<string>(), row["id"]!.GetValue<string>());
                if (!state.Nodes.Remove("Document|" + graph + "|" + documentId))
                {
                    continue;
                }

                counters.NodesDeleted++;
                // A chunk id is the document id, '#', its index and range.
                foreach (var chunk in state.Nodes.Where(n => n.StartsWith("Chunk|" + graph + "|" + documentId + "#", StringComparison.Ordinal)).ToList())
                {
                    state.Nodes.Remove(chunk);
                    counters.NodesDeleted++;
                    counters.RelationshipsDeleted += state.Relationships.RemoveWhere(r =>
                        r == "HAS_CHUNK|" + chunk || r.StartsWith("MENTIONS|" + chunk + "|", StringComparison.Ordinal));
                }
            }
        }
        else if (statement == "MATCH (e:Entity) WHERE NOT EXISTS { (e)--() } DELETE e")
        {
            var linked = new HashSet<string>(StringComparer.Ordinal);
            foreach (var identity in state.Relationships)
            {
                var parts = identity.Split('|');
                if (parts.Length == 7)
                {
                    linked.Add("Entity|" + parts[1]);
                    linked.Add("Entity|" + parts[2]);
                }
                else if (identity.IndexOf("|Entity|", StringComparison.Ordinal) is var at and > 0 && identity.StartsWith("MENTIONS|", StringComparison.Ordinal))
                {
                    linked.Add(identity[(at + 1)..]);
                }
            }

            counters.NodesDeleted += state.Nodes.RemoveWhere(n => n.StartsWith("Entity|", StringComparison.Ordinal) && !linked.Contains(n));
        }
        else
        {
            return (400, Errors("Neo.ClientError.Statement.SyntaxError", $"Invalid input: {statement[..Math.Min(30, statement.Length)]}"));
        }

        var answer = new JsonObject
        {
            ["data"] = new JsonObject { ["fields"] = fields, ["values"] = values },
            ["counters"] = counters.ToJson(),
            ["bookmarks"] = new JsonArray("bm-1"),
        };
        return (202, answer.ToJsonString());
    }

    private static IEnumerable<JsonObject> Rows(JsonObject parameters) =>
        (parameters["rows"] as JsonArray ?? throw new InvalidOperationException("no $rows")).Select(r => (JsonObject)r!);

    internal sealed record Request(string Method, string Path, string? Authorization, string? Affinity, string? ContentType, string? Accept, JsonNode? Body);

    private sealed class GraphState
    {
        public HashSet<string> Nodes { get; init; } = [];

        public HashSet<string> Relationships { get; init; } = [];

        public HashSet<string> Constraints { get; init; } = [];

        public GraphState Clone() => new() { Nodes = [.. Nodes], Relationships = [.. Relationships], Constraints = [.. Constraints] };
    }

    private sealed class Counters
    {
        public long NodesCreated { get; set; }

        public long PropertiesSet { get; set; }

        public long RelationshipsCreated { get; set; }

        public long RelationshipsDeleted { get; set; }

        public long NodesDeleted { get; set; }

        public long ConstraintsAdded { get; set; }

        public long ConstraintsRemoved { get; set; }

        public long LabelsAdded { get; set; }

        public void Node(GraphState state, string key, int properties)
        {
            if (state.Nodes.Add(key))
            {
                NodesCreated++;
                LabelsAdded++;
                PropertiesSet += properties;
            }
        }

        public JsonObject ToJson() => new()
        {
            ["containsUpdates"] = NodesCreated + NodesDeleted + PropertiesSet + RelationshipsCreated + RelationshipsDeleted + ConstraintsAdded + ConstraintsRemoved > 0,
            ["nodesCreated"] = NodesCreated,
            ["nodesDeleted"] = NodesDeleted,
            ["propertiesSet"] = PropertiesSet,
            ["relationshipsCreated"] = RelationshipsCreated,
            ["relationshipsDeleted"] = RelationshipsDeleted,
            ["labelsAdded"] = LabelsAdded,
            ["labelsRemoved"] = 0,
            ["indexesAdded"] = 0,
            ["indexesRemoved"] = 0,
            ["constraintsAdded"] = ConstraintsAdded,
            ["constraintsRemoved"] = ConstraintsRemoved,
            ["containsSystemUpdates"] = false,
            ["systemUpdates"] = 0,
        };
    }
}
