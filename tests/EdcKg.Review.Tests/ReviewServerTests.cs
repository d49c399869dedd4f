using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EdcKg.Core.Corrections;
using EdcKg.Core.Storage;
using Microsoft.Extensions.Time.Testing;

namespace EdcKg.Review.Tests;

public sealed class ReviewServerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    [Fact]
    public async Task Summary_OfARun_CountsItsDocumentsTriplesEntitiesAndDroppedTriplesPerIteration()
    {
        using var run = await ReviewRun.CreateAsync();
        await using var review = await ReviewAsync(run);
        var summary = await review.GetJsonAsync("/api/summary");
        Assert.Equal(4, summary.GetProperty("documents").GetInt32());
        var iteration = summary.GetProperty("iterations")[0];
        Assert.Equal(0, iteration.GetProperty("iteration").GetInt32());
        Assert.Equal(8, iteration.GetProperty("openTriples").GetInt32());
        Assert.Equal(6, iteration.GetProperty("triples").GetInt32());
        Assert.Equal(2, iteration.GetProperty("droppedTriples").GetInt32());
        Assert.Equal(run.CanonKg.Split('\n').Sum(l => l.Split("], [").Length - (l == "[]" ? 1 : 0)), iteration.GetProperty("triples").GetInt32());
        Assert.Equal("tester", summary.GetProperty("user").GetString());
    }

    [Fact]
    public async Task Entities_QueryByPartOfAName_FindsTheEntity()
    {
        using var run = await ReviewRun.CreateAsync();
        await using var review = await ReviewAsync(run);
        var found = await review.GetJsonAsync("/api/entities?query=ali");
        Assert.Equal("Alice", found.GetProperty("items")[0].GetProperty("name").GetString());
        var all = await review.GetJsonAsync("/api/entities");
        Assert.Equal("Acme", all.GetProperty("items")[0].GetProperty("name").GetString());
        Assert.Equal(3, all.GetProperty("items")[0].GetProperty("triples").GetInt32());
    }

    [Fact]
    public async Task Neighbourhood_OfAnEntity_HasItsTriplesAndFiltersByRelationAndDocument()
    {
        using var run = await ReviewRun.CreateAsync();
        await using var review = await ReviewAsync(run);
        var acme = await review.EntityIdAsync("Acme");
        var hood = await review.GetJsonAsync($"/api/entities/{acme}/neighbourhood");
        Assert.Equal(["Alice", "Paris", "Dave"], hood.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()));
        Assert.Equal(["located in", "works for"], hood.GetProperty("relations").EnumerateArray().Select(r => r.GetString()));
        var located = await review.GetJsonAsync($"/api/entities/{acme}/neighbourhood?relation=located%20in");
        var edge = Assert.Single(located.GetProperty("edges").EnumerateArray());
        Assert.Equal("located_in", edge.GetProperty("openRelation").GetString());
        Assert.Equal("aligned", edge.GetProperty("outcome").GetString());
        var inDocument3 = await review.GetJsonAsync($"/api/entities/{acme}/neighbourhood?document=3");
        Assert.Equal("Dave", Assert.Single(inDocument3.GetProperty("nodes").EnumerateArray()).GetProperty("name").GetString());
        var limited = await review.GetJsonAsync($"/api/entities/{acme}/neighbourhood?limit=1");
        Assert.True(limited.GetProperty("truncated").GetBoolean());
        Assert.Equal(3, limited.GetProperty("totalEdges").GetInt32());
    }

    [Fact]
    public async Task Document_HasItsTextAndTheSpansOfItsTriples()
    {
        using var run = await ReviewRun.CreateAsync();
        await using var review = await ReviewAsync(run);
        var document = await review.GetJsonAsync("/api/documents/0");
        var text = document.GetProperty("text").GetString()!;
        Assert.Equal(ReviewRun.Sentences[0], text);
        foreach (var triple in document.GetProperty("triples").EnumerateArray())
        {
            foreach (var (role, span) in new[] { ("subject", triple.GetProperty("subjectSpan")), ("object", triple.GetProperty("objectSpan")) })
            {
                Assert.Equal(triple.GetProperty(role).GetString(), text[span.GetProperty("start").GetInt32()..span.GetProperty("end").GetInt32()]);
            }
        }

        Assert.Equal(2, document.GetProperty("triples").GetArrayLength());
        // "Acme located_in Paris": the Acme next to Paris, not the first one in the text, as the run recorded it.
        var located = document.GetProperty("triples")[1].GetProperty("subjectSpan");
        Assert.Equal(text.LastIndexOf("Acme", StringComparison.Ordinal), located.GetProperty("start").GetInt32());
        Assert.Equal("recorded", located.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Document_UsesTheSpansTheRunRecorded_CountedInCodePointsOfTheDocument()
    {
        using var run = await ReviewRun.CreateAsync(["Zoë works_for 😀 Acme. Acme located_in Paris."]);
        var path = Path.Combine(run.Output, "iter0", "triples.jsonl");
        var lines = File.ReadAllLines(path).Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!.AsObject()).ToList();
        // As a run records them: the chunk's range and the spans, both in code points of the document's text.
        lines[0]["chunk"] = new System.Text.Json.Nodes.JsonObject { ["index"] = 0, ["start"] = 4, ["end"] = 44 };
        lines[0]["subjectSpan"] = null;
        lines[0]["objectSpan"] = new System.Text.Json.Nodes.JsonArray(14, 20);
        File.WriteAllLines(path, lines.Select(l => l.ToJsonString()));
        await using var review = await ReviewAsync(run);
        var document = await review.GetJsonAsync("/api/documents/0");
        var text = document.GetProperty("text").GetString()!;
        var triple = document.GetProperty("triples")[0];
        Assert.Equal("😀 Acme", triple.GetProperty("object").GetString());
        var span = triple.GetProperty("objectSpan");
        Assert.Equal("recorded", span.GetProperty("source").GetString());
        Assert.Equal((14, 21), (span.GetProperty("start").GetInt32(), span.GetProperty("end").GetInt32()));
        Assert.Equal("😀 Acme", text[14..21]);
        // The run found no mention of the subject: the page shows none rather than guessing.
        Assert.Equal(JsonValueKind.Null, triple.GetProperty("subjectSpan").ValueKind);
    }

    [Fact]
    public async Task Decisions_ShowTheOpenRelationDefinitionCandidatesScoresChoiceAndOutcome()
    {
        using var run = await ReviewRun.CreateAsync();
        await using var review = await ReviewAsync(run);
        var decisions = await review.GetJsonAsync("/api/decisions?iteration=0&document=1");
        Assert.Equal(2, decisions.GetProperty("total").GetInt32());
        var bornIn = decisions.GetProperty("items")[1];
        Assert.Equal(["Bob", "born_in", "Lyon"], bornIn.GetProperty("openTriple").EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith("The subject entity", bornIn.GetProperty("definition").GetString());
        Assert.Equal(3, bornIn.GetProperty("candidates").GetArrayLength());
        Assert.All(bornIn.GetProperty("candidates").EnumerateArray(), c => Assert.InRange(c.GetProperty("score").GetSingle(), -1f, 1f));
        Assert.Equal("dropped", bornIn.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, bornIn.GetProperty("choice").ValueKind);
        var aligned = decisions.GetProperty("items")[0];
        Assert.Equal("works for", aligned.GetProperty("choice").GetString());
        Assert.Equal("aligned", aligned.GetProperty("outcome").GetString());
        var dropped = await review.GetJsonAsync("/api/decisions?outcome=dropped");
        Assert.Equal(2, dropped.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task MergeDecisions_OfARunThatResolvedEntities_AreListedWithTheirCandidates()
    {
        using var run = await ReviewRun.CreateAsync(["Alan_Shepard works_for NASA.", "Shepard works_for Nasa.", "alan_shepard located_in Houston."], resolveEntities: true);
        await using var review = await ReviewAsync(run);
        Assert.True((await review.GetJsonAsync("/api/summary")).GetProperty("entityResolution").GetBoolean());
        var merges = await review.GetJsonAsync("/api/decisions?kind=merge");
        Assert.True(merges.GetProperty("entityResolution").GetBoolean());
        var recorded = File.ReadAllLines(Path.Combine(run.Output, "iter0", "entity_decisions.jsonl"));
        Assert.Equal(recorded.Length, merges.GetProperty("total").GetInt32());
        Assert.True(recorded.Length > 0, "entities: " + File.ReadAllText(Path.Combine(run.Output, "iter0", "entities.jsonl")));
        Assert.Contains(merges.GetProperty("items").EnumerateArray(), d => d.GetProperty("mention").ToString().Contains("alan_shepard", StringComparison.Ordinal));
        var plain = await ReviewRun.CreateAsync();
        using (plain)
        {
            await using var other = await ReviewAsync(plain);
            Assert.False((await other.GetJsonAsync("/api/decisions?kind=merge")).GetProperty("entityResolution").GetBoolean());
        }
    }

    [Fact]
    public async Task ChooseRelation_RewritesCanonKgAndMarksTheTripleCorrected_AndUndoRestoresTheOutputs()
    {
        using var run = await ReviewRun.CreateAsync();
        var canonBefore = run.CanonKg;
        var triplesBefore = run.TriplesJsonl;
        await using var review = await ReviewAsync(run);
        var created = await review.PostAsync("/api/corrections", new { kind = "chooseRelation", iteration = 0, document = 1, position = 1, relation = "located in" });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var correction = created.Json.GetProperty("correction");
        Assert.Equal("tester", correction.GetProperty("user").GetString());
        Assert.Equal(Now, correction.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(1, created.Json.GetProperty("iterationsRewritten").GetInt32());

        Assert.Equal("[['Bob', 'works for', 'Initech'], ['Bob', 'located in', 'Lyon']]", run.CanonKg.Split('\n')[1]);
        var corrected = run.TriplesJsonl.Split('\n').Select(l => l.Length == 0 ? default : JsonDocument.Parse(l).RootElement).Where(e => e.ValueKind != JsonValueKind.Undefined).Single(e => e.TryGetProperty("corrected", out _));
        Assert.Equal("Lyon", corrected.GetProperty("object").GetString());
        Assert.Equal(correction.GetProperty("id").GetInt64(), corrected.GetProperty("correction").GetInt64());
        var decision = (await review.GetJsonAsync("/api/decisions?iteration=0&document=1")).GetProperty("items")[1];
        Assert.Equal("aligned", decision.GetProperty("outcome").GetString());
        Assert.Equal("dropped", decision.GetProperty("pipelineOutcome").GetString());
        Assert.Equal(correction.GetProperty("id").GetInt64(), decision.GetProperty("correction").GetProperty("id").GetInt64());
        var snapshot = await RunSnapshotReader.ReadAsync(run.Output);
        Assert.Contains(snapshot.Triples, t => t.Triple == new Core.Domain.Triple("Bob", "located in", "Lyon") && t.Correction is not null);

        var undone = await review.PostAsync($"/api/corrections/{correction.GetProperty("id").GetInt64()}/undo", null);
        Assert.Equal(HttpStatusCode.OK, undone.Status);
        Assert.False(undone.Json.GetProperty("correction").GetProperty("active").GetBoolean());
        Assert.Equal(canonBefore, run.CanonKg);
        Assert.Equal(triplesBefore, run.TriplesJsonl);
    }

    [Fact]
    public async Task DropAndKeepOpen_ChangeTheGraph_AndTheLatestCorrectionOfADecisionWins()
    {
        using var run = await ReviewRun.CreateAsync();
        await using var review = await ReviewAsync(run);
        Assert.Equal(HttpStatusCode.Created, (await review.PostAsync("/api/corrections", new { kind = "dropTriple", iteration = 0, document = 0, position = 1 })).Status);
        Assert.Equal("[['Alice', 'works for', 'Acme']]", run.CanonKg.Split('\n')[0]);
        var keep = await review.PostAsync("/api/corrections", new { kind = "keepOpenRelation", iteration = 0, document = 0, position = 1 });
        Assert.Equal("[['Alice', 'works for', 'Acme'], ['Acme', 'located_in', 'Paris']]", run.CanonKg.Split('\n')[0]);
        await review.PostAsync($"/api/corrections/{keep.Json.GetProperty("correction").GetProperty("id").GetInt64()}/undo", null);
        Assert.Equal("[['Alice', 'works for', 'Acme']]", run.CanonKg.Split('\n')[0]);
    }

    [Fact]
    public async Task MergeAndSplitEntities_RenameMentionsInEveryOutput()
    {
        using var run = await ReviewRun.CreateAsync();
        await using var review = await ReviewAsync(run);
        var dave = await review.EntityIdAsync("Dave");
        var bob = await review.EntityIdAsync("Bob");
        var merge = await review.PostAsync("/api/corrections", new { kind = "mergeEntities", entity = dave, into = bob });
        Assert.Equal(HttpStatusCode.Created, merge.Status);
        Assert.Equal("[['Bob', 'works for', 'Acme']]", run.CanonKg.Split('\n')[3]);
        Assert.Equal(404, (int)(await review.GetAsync($"/api/entities/{dave}/neighbourhood")).StatusCode);
        var snapshot = await RunSnapshotReader.ReadAsync(run.Output);
        Assert.DoesNotContain(snapshot.Triples, t => t.Triple.Subject == "Dave");

        var acme = await review.EntityIdAsync("Acme");
        var split = await review.PostAsync("/api/corrections", new { kind = "splitEntity", entity = acme, document = 3, newName = "Acme Rome" });
        Assert.Equal(HttpStatusCode.Created, split.Status);
        var lines = run.CanonKg.Split('\n');
        Assert.Equal("[['Bob', 'works for', 'Acme Rome']]", lines[3]);
        Assert.StartsWith("[['Alice', 'works for', 'Acme']", lines[0]);
        var list = await review.GetJsonAsync("/api/corrections");
        Assert.Equal(2, list.GetProperty("active").GetInt32());
    }

    [Fact]
    public async Task Corrections_SurviveAResumeOfTheSameRun()
    {
        using var run = await ReviewRun.CreateAsync();
        await using (var review = await ReviewAsync(run))
        {
            await review.PostAsync("/api/corrections", new { kind = "chooseRelation", iteration = 0, document = 3, position = 0, relation = "located in" });
        }

        var corrected = run.CanonKg;
        Assert.Contains("['Dave', 'located in', 'Rome']", corrected);
        File.Delete(Path.Combine(run.Output, "iter0", "canon_kg.txt"));
        await run.RunPipelineAsync();
        Assert.Equal(corrected, run.CanonKg);
    }

    [Theory]
    [InlineData("{\"kind\":\"renameEverything\"}", "'kind' must be one of")]
    [InlineData("{\"kind\":\"chooseRelation\",\"iteration\":0,\"document\":1}", "'iteration', 'document' and 'position'")]
    [InlineData("{\"kind\":\"chooseRelation\",\"iteration\":0,\"document\":1,\"position\":1,\"relation\":\"invented\"}", "neither a candidate")]
    [InlineData("{\"kind\":", "not a correction")]
    public async Task PostCorrection_BadRequest_Is400WithAMessage(string body, string message)
    {
        using var run = await ReviewRun.CreateAsync();
        await using var review = await ReviewAsync(run);
        using var response = await review.Client.PostAsync("/api/corrections", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PostCorrection_NotJson_Is400()
    {
        using var run = await ReviewRun.CreateAsync();
        await using var review = await ReviewAsync(run);
        using var response = await review.Client.PostAsync("/api/corrections", new StringContent("kind=dropTriple", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("application/json", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/entities/e0000000000000000/neighbourhood", 404)]
    [InlineData("/api/documents/99", 404)]
    [InlineData("/api/documents/first", 400)]
    [InlineData("/api/documents/..%2F..%2Frun.edckg.db", 400)]
    [InlineData("/api/decisions?document=99", 404)]
    [InlineData("/api/decisions?outcome=maybe", 400)]
    [InlineData("/api/entities?limit=lots", 400)]
    [InlineData("/api/nothing-here", 404)]
    public async Task UnknownIdsAre404AndBadValuesAre400_WithProblemDetails(string path, int status)
    {
        using var run = await ReviewRun.CreateAsync();
        await using var review = await ReviewAsync(run);
        using var response = await review.GetAsync(path);
        Assert.Equal(status, (int)response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task UndoOfAnUnknownCorrection_Is404()
    {
        using var run = await ReviewRun.CreateAsync();
        await using var review = await ReviewAsync(run);
        Assert.Equal(HttpStatusCode.NotFound, (await review.PostAsync("/api/corrections/42/undo", null)).Status);
    }

    [Theory]
    [InlineData("/assets/..%2F..%2F..%2Frun.edckg.db")]
    [InlineData("/assets/%2e%2e/%2e%2e/iter0/canon_kg.txt")]
    [InlineData("/../run.edckg.db")]
    [InlineData("/iter0/canon_kg.txt")]
    [InlineData("/run.edckg.db")]
    [InlineData("/assets/app.js.map")]
    public async Task NoRequestReadsAFileOfTheRunFolderOrBeyond(string path)
    {
        using var run = await ReviewRun.CreateAsync();
        await using var review = await ReviewAsync(run);
        using var response = await review.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Alice", body);
        Assert.DoesNotContain("SQLite", body);
    }

    [Fact]
    public async Task ThePageAndItsScriptsComeFromTheServerItself()
    {
        using var run = await ReviewRun.CreateAsync();
        await using var review = await ReviewAsync(run);
        using var page = await review.GetAsync("/");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("/assets/app.js", html);
        Assert.DoesNotContain("https://", html);
        using var script = await review.GetAsync("/assets/app.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.DoesNotContain("https://", await script.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ByDefaultTheServerListensOnLoopbackOnly()
    {
        using var run = await ReviewRun.CreateAsync();
        await using var server = await ReviewServer.StartAsync(new ReviewOptions(run.Output, Port: 0));
        Assert.Equal("127.0.0.1", server.Address.Host);
    }

    [Fact]
    public async Task ALoopbackServer_RefusesRequestsAddressedToAnotherHost()
    {
        using var run = await ReviewRun.CreateAsync();
        await using var review = await ReviewAsync(run);
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/summary");
        rebound.Headers.Host = "attacker.example";
        using var response = await review.Client.SendAsync(rebound);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("localhost only", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        using var local = new HttpRequestMessage(HttpMethod.Get, "/api/summary");
        local.Headers.Host = $"localhost:{review.Server.Address.Port}";
        Assert.Equal(HttpStatusCode.OK, (await review.Client.SendAsync(local)).StatusCode);
    }

    [Fact]
    public async Task AFolderWithoutARunStoreIsRefusedWithItsPath()
    {
        using var folder = TestModels.RepositoryPaths.TempDirectory();
        try
        {
            var error = await Assert.ThrowsAsync<Core.Pipeline.RunMismatchException>(() => ReviewServer.StartAsync(new ReviewOptions(folder, Port: 0)));
            Assert.Contains(folder, error.Message);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public async Task CorrectionStore_KeepsUndoneCorrectionsAsHistory()
    {
        using var run = await ReviewRun.CreateAsync();
        using var store = CorrectionStore.Open(Path.Combine(run.Output, RunSnapshotReader.StoreFileName));
        var added = await store.AddAsync(new Correction(CorrectionKind.DropTriple) { DocumentId = "0", Iteration = 0, OpenTriple = new("Alice", "works_for", "Acme"), User = "ann", CreatedAt = Now });
        var undone = await store.UndoAsync(added.Id, "ben", Now.AddMinutes(5));
        Assert.Equal("ben", undone!.UndoneBy);
        var all = await store.LoadAsync();
        var only = Assert.Single(all);
        Assert.False(only.IsActive);
        Assert.Equal(new Core.Domain.Triple("Alice", "works_for", "Acme"), only.OpenTriple);
        Assert.Equal(Now, only.CreatedAt);
    }

    private static async Task<ReviewClient> ReviewAsync(ReviewRun run)
    {
        var server = await ReviewServer.StartAsync(new ReviewOptions(run.Output, Port: 0, User: "tester") { Time = new FakeTimeProvider(Now) });
        return new ReviewClient(server);
    }
}
