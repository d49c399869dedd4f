using System.Net;
using System.Text;
using EdcKg.Neo4j.QueryApi;
using Microsoft.Extensions.Time.Testing;

namespace EdcKg.Neo4j.Tests;

/// <summary>The Query API client against a loopback server that implements the documented Query API contract.</summary>
public sealed class QueryApiContractTests
{
    private static Neo4jSettings Settings(Uri uri) =>
        new(uri, "movies", "neo4j", "secret") { InitialBackoff = TimeSpan.FromMilliseconds(1), MaxRetries = 3, RequestTimeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Query_api_contract_implicit_query_posts_statement_parameters_and_basic_auth_and_reads_data_counters_bookmarks()
    {
        await using var server = new LoopbackQueryApiServer();
        using var http = new HttpClient();
        var client = new QueryApiClient(http, Settings(server.Uri));

        var result = await client.RunAsync(new CypherStatement("RETURN $name AS name, $n AS n", new Dictionary<string, object?> { ["name"] = "Hoče \"x\"", ["n"] = 42 }));

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/db/movies/query/v2", request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("neo4j:secret")), request.Authorization);
        Assert.StartsWith("application/json", request.ContentType);
        Assert.Contains("application/json", request.Accept);
        Assert.Equal("RETURN $name AS name, $n AS n", request.Body!["statement"]!.GetValue<string>());
        Assert.Equal("Hoče \"x\"", request.Body["parameters"]!["name"]!.GetValue<string>());
        Assert.Equal(42, request.Body["parameters"]!["n"]!.GetValue<int>());
        Assert.True(request.Body["includeCounters"]!.GetValue<bool>());
        Assert.Equal(["name", "n"], result.Fields);
        Assert.Equal("Hoče \"x\"", result.Values[0][0].GetString());
        Assert.Equal(42, result.Values[0][1].GetInt32());
        Assert.Equal(["bm-1"], result.Bookmarks);
        Assert.False(result.Counters.ContainsUpdates);
    }

    [Fact]
    public async Task Query_api_contract_bearer_token_replaces_basic_auth()
    {
        await using var server = new LoopbackQueryApiServer("Bearer tok-123");
        using var http = new HttpClient();
        var client = new QueryApiClient(http, Settings(server.Uri) with { BearerToken = "tok-123" });

        var result = await client.RunAsync(new CypherStatement("CREATE CONSTRAINT c IF NOT EXISTS FOR (e:Entity) REQUIRE e.key IS UNIQUE"));

        Assert.Equal("Bearer tok-123", Assert.Single(server.Requests).Authorization);
        Assert.Equal(1, result.Counters.ConstraintsAdded);
        Assert.True(result.Counters.ContainsUpdates);
    }

    [Fact]
    public async Task Query_api_contract_401_fails_fast_without_retrying_and_names_the_security_code()
    {
        await using var server = new LoopbackQueryApiServer();
        using var http = new HttpClient();
        var client = new QueryApiClient(http, Settings(server.Uri) with { Password = "wrong" });

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => client.RunAsync(new CypherStatement("RETURN 1")));

        Assert.Single(server.Requests);
        Assert.True(error.IsAuthentication);
        Assert.False(error.IsTransient);
        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal("Neo.ClientError.Security.Unauthorized", error.Code);
        Assert.Contains("Neo.ClientError.Security.Unauthorized", error.Message);
        Assert.DoesNotContain("wrong", error.Message);
    }

    [Fact]
    public async Task Query_api_contract_syntax_error_fails_fast_with_the_neo4j_code()
    {
        await using var server = new LoopbackQueryApiServer();
        using var http = new HttpClient();
        var client = new QueryApiClient(http, Settings(server.Uri));

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => client.RunAsync(new CypherStatement("MATCH (n) RETUR n")));

        Assert.Single(server.Requests);
        Assert.Equal("Neo.ClientError.Statement.SyntaxError", error.Code);
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.StartsWith("Neo4j Neo.ClientError.Statement.SyntaxError (HTTP 400)", error.Message);
    }

    [Fact]
    public async Task Query_api_contract_errors_in_a_202_answer_are_errors()
    {
        await using var server = new LoopbackQueryApiServer();
        server.FailNext(_ => (202, LoopbackQueryApiServer.Errors("Neo.ClientError.Schema.ConstraintValidationFailed", "Node already exists")));
        using var http = new HttpClient();
        var client = new QueryApiClient(http, Settings(server.Uri));

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => client.RunAsync(new CypherStatement("RETURN 1")));

        Assert.Equal("Neo.ClientError.Schema.ConstraintValidationFailed", error.Code);
        Assert.Equal(HttpStatusCode.Accepted, error.Status);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Query_api_contract_transient_errors_and_5xx_are_retried_until_the_query_succeeds()
    {
        await using var server = new LoopbackQueryApiServer();
        server.FailNext(_ => (503, "<html>Service Unavailable</html>"));
        server.FailNext(_ => (202, LoopbackQueryApiServer.Errors("Neo.TransientError.Transaction.DeadlockDetected", "deadlock")));
        server.FailNext(_ => (500, LoopbackQueryApiServer.Errors("Neo.DatabaseError.General.UnknownError", "boom")));
        using var http = new HttpClient();
        var client = new QueryApiClient(http, Settings(server.Uri));

        var result = await client.RunAsync(new CypherStatement("RETURN $x AS x", new Dictionary<string, object?> { ["x"] = 1 }));

        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(1, result.Values[0][0].GetInt32());
    }

    [Fact]
    public async Task Query_api_contract_transient_errors_give_up_after_the_configured_retries()
    {
        await using var server = new LoopbackQueryApiServer();
        for (var i = 0; i < 10; i++)
        {
            server.FailNext(_ => (503, LoopbackQueryApiServer.Errors("Neo.TransientError.General.DatabaseUnavailable", "starting")));
        }

        using var http = new HttpClient();
        var client = new QueryApiClient(http, Settings(server.Uri) with { MaxRetries = 2 });

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => client.RunAsync(new CypherStatement("RETURN 1")));

        Assert.Equal(3, server.Requests.Count);
        Assert.True(error.IsTransient);
        Assert.Equal("Neo.TransientError.General.DatabaseUnavailable", error.Code);
    }

    [Fact]
    public async Task Query_api_contract_a_request_past_its_timeout_is_transient_and_retried()
    {
        await using var server = new LoopbackQueryApiServer();

        // The first answer never comes while the server keeps answering others: on the fake clock the client gives up
        // on it exactly at its timeout, and its retry is answered at once.
        server.HoldNextAnswer();
        using var http = new HttpClient();
        var time = new FakeTimeProvider();
        // No backoff, so the retry goes out at once and the fake clock need not be stepped to it.
        var client = new QueryApiClient(http, Settings(server.Uri) with { RequestTimeout = TimeSpan.FromSeconds(20), InitialBackoff = TimeSpan.Zero }, time: time);

        var running = client.RunAsync(new CypherStatement("RETURN $x AS x", new Dictionary<string, object?> { ["x"] = "late" }));
        await server.RequestsArrived(1).WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(20) - TimeSpan.FromTicks(1));
        Assert.False(running.IsCompleted);
        Assert.Single(server.Requests);
        time.Advance(TimeSpan.FromTicks(1));

        var result = await running.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("late", result.Values[0][0].GetString());
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Query_api_contract_unreachable_server_is_transient_and_retried()
    {
        // Bound but never listening: connections are refused, and no other process can take the port meanwhile.
        using var closed = TestModels.LoopbackHttpServer.ClosedPort(out var port);

        using var http = new HttpClient();
        var client = new QueryApiClient(http, Settings(new Uri($"http://127.0.0.1:{port}")) with { MaxRetries = 1 });

        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => client.RunAsync(new CypherStatement("RETURN 1")));

        Assert.True(error.IsTransient);
        Assert.Contains("cannot be reached", error.Message);
    }

    [Fact]
    public async Task Query_api_contract_explicit_transaction_begins_runs_commits_and_replays_the_cluster_affinity()
    {
        await using var server = new LoopbackQueryApiServer();
        using var http = new HttpClient();
        var client = new QueryApiClient(http, Settings(server.Uri));

        var transaction = await client.BeginTransactionAsync();
        var result = await transaction.RunAsync(new CypherStatement("CREATE CONSTRAINT t IF NOT EXISTS FOR (e:Entity) REQUIRE e.key IS UNIQUE"));
        Assert.Equal(0, server.Constraints);
        await transaction.CommitAsync();

        Assert.Equal("tx1", transaction.Id);
        Assert.Equal("2030-01-01T00:00:30Z", transaction.Expires);
        Assert.Equal(1, result.Counters.ConstraintsAdded);
        Assert.Equal(1, server.Constraints);
        Assert.Equal(
            ["POST /db/movies/query/v2/tx", "POST /db/movies/query/v2/tx/tx1", "POST /db/movies/query/v2/tx/tx1/commit"],
            server.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Null(server.Requests[0].Affinity);
        Assert.All(server.Requests.Skip(1), r => Assert.Equal(LoopbackQueryApiServer.Affinity, r.Affinity));
        Assert.All(server.Requests, r => Assert.Equal(server.ExpectedAuthorization, r.Authorization));
    }

    [Fact]
    public async Task Query_api_contract_rollback_deletes_the_transaction_and_keeps_nothing()
    {
        await using var server = new LoopbackQueryApiServer();
        using var http = new HttpClient();
        var client = new QueryApiClient(http, Settings(server.Uri));

        var transaction = await client.BeginTransactionAsync();
        await transaction.RunAsync(new CypherStatement("CREATE CONSTRAINT t IF NOT EXISTS FOR (e:Entity) REQUIRE e.key IS UNIQUE"));
        await transaction.RollbackAsync();

        Assert.Equal("DELETE /db/movies/query/v2/tx/tx1", $"{server.Requests[^1].Method} {server.Requests[^1].Path}");
        Assert.Equal(LoopbackQueryApiServer.Affinity, server.Requests[^1].Affinity);
        Assert.Equal(0, server.Constraints);
    }

    [Fact]
    public async Task Query_api_contract_transient_failure_inside_a_transaction_rolls_back_and_reruns_the_whole_transaction()
    {
        await using var server = new LoopbackQueryApiServer();
        using var http = new HttpClient();
        var client = new QueryApiClient(http, Settings(server.Uri));
        var attempts = 0;

        var counters = await client.RunInTransactionAsync(async (tx, ct) =>
        {
            attempts++;
            var first = await tx.RunAsync(new CypherStatement("CREATE CONSTRAINT a IF NOT EXISTS FOR (e:Entity) REQUIRE e.key IS UNIQUE"), ct);
            if (attempts == 1)
            {
                server.FailNext(_ => (202, LoopbackQueryApiServer.Errors("Neo.TransientError.Transaction.LockClientStopped", "stopped")));
            }

            var second = await tx.RunAsync(new CypherStatement("CREATE CONSTRAINT b IF NOT EXISTS FOR (e:Entity) REQUIRE e.key IS UNIQUE"), ct);
            return first.Counters.Add(second.Counters);
        });

        Assert.Equal(2, attempts);
        Assert.Equal(2, counters.ConstraintsAdded);
        Assert.Equal(2, server.Constraints);
        Assert.Contains(server.Requests, r => r.Method == "DELETE" && r.Path.EndsWith("/tx/tx1", StringComparison.Ordinal));
        Assert.EndsWith("/tx/tx2/commit", server.Requests[^1].Path);
    }
}
