using System.Text.Json;
using EdcKg.Core.Corrections;
using EdcKg.Core.Domain;
using EdcKg.Review.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace EdcKg.Review.Api;

/// <summary>The review page's JSON API under <c>/api</c> (documented in the README).</summary>
internal static class ReviewApi
{
    private static readonly JsonSerializerOptions RequestJson = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder app, RunUnderReview run)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/summary", () => Summary(run));
        api.MapGet("/entities", (string? query, string? limit) => Entities(run.Review, query, limit));
        api.MapGet("/entities/{id}/neighbourhood", (string id, string? relation, string? document, string? limit) => Neighbourhood(run.Review, id, relation, document, limit));
        api.MapGet("/documents", (string? offset, string? limit) => Documents(run.Review, offset, limit));
        api.MapGet("/documents/{id}", (string id) => Document(run, id));
        api.MapGet("/decisions", (string? kind, string? iteration, string? document, string? relation, string? outcome, string? corrected, string? offset, string? limit)
            => Decisions(run, kind, iteration, document, relation, outcome, corrected, offset, limit));
        api.MapGet("/corrections", () => TypedResults.Ok(new CorrectionListResponse(run.Review.Corrections.Count(c => c.IsActive), run.Review.Corrections.Select(CorrectionView.Of).ToList())));
        api.MapPost("/corrections", (HttpRequest request, CancellationToken ct) => CorrectAsync(run, request, ct));
        api.MapPost("/corrections/{id}/undo", (string id, CancellationToken ct) => UndoAsync(run, id, ct));
        api.MapFallback((HttpRequest request) => Problems.NotFound($"No API endpoint {request.Method} {request.Path}."));
    }

    private static Ok<SummaryResponse> Summary(RunUnderReview run)
    {
        var review = run.Review;
        return TypedResults.Ok(new SummaryResponse(
            review.RunId,
            Path.GetFileName(run.RunDirectory),
            run.User,
            review.Documents.Count,
            review.Schema.Count,
            review.Entities.Count,
            review.Triples.Count,
            review.Corrections.Count(c => c.IsActive),
            run.EntityResolution,
            review.Iterations,
            review.Failures.Select(f => new FailureView(f.Iteration, f.Stage, f.DocumentIndex, f.DocumentId, f.Error)).ToList()));
    }

    private static Results<Ok<EntityListResponse>, ProblemHttpResult> Entities(RunReview review, string? query, string? limitText)
    {
        if (!QueryValue.TryInt(limitText, "limit", 20, 1, 500, out var limit, out var problem))
        {
            return problem!;
        }

        var text = (query ?? string.Empty).Trim();
        var matches = review.Entities.Values
            .Where(e => text.Length == 0 || e.Name.Contains(text, StringComparison.OrdinalIgnoreCase))
            .OrderBy(e => text.Length == 0 ? 0 : string.Equals(e.Name, text, StringComparison.OrdinalIgnoreCase) ? 0 : e.Name.StartsWith(text, StringComparison.OrdinalIgnoreCase) ? 1 : 2)
            .ThenByDescending(e => e.Triples.Count)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(new EntityListResponse(text, matches.Count, matches.Take(limit!.Value).Select(Summary).ToList()));
    }

    private static Results<Ok<NeighbourhoodResponse>, ProblemHttpResult> Neighbourhood(RunReview review, string id, string? relation, string? documentText, string? limitText)
    {
        if (!QueryValue.TryInt(limitText, "limit", 150, 1, 5000, out var limit, out var problem)
            || !QueryValue.TryInt(documentText, "document", null, 0, int.MaxValue, out var document, out problem))
        {
            return problem!;
        }

        if (review.Entity(id) is not { } center)
        {
            return Problems.NotFound($"No entity '{id}' in this run.");
        }

        var all = center.Triples.Select(t => review.Triples[t]).ToList();
        var edges = all
            .Where(t => string.IsNullOrEmpty(relation) || t.Triple.Triple.Relation == relation)
            .Where(t => document is null || t.Triple.DocumentIndex == document)
            .ToList();
        var shown = edges.Take(limit!.Value).ToList();
        var nodes = shown.SelectMany(t => new[] { t.SubjectId, t.ObjectId }).Where(n => n != center.Id).Distinct().Select(n => Summary(review.Entities[n])).ToList();
        return TypedResults.Ok(new NeighbourhoodResponse(
            Summary(center),
            nodes,
            shown.Select(Edge).ToList(),
            edges.Count,
            shown.Count < edges.Count,
            all.Select(t => t.Triple.Triple.Relation).Distinct().Order(StringComparer.Ordinal).ToList(),
            all.Select(t => t.Triple.DocumentIndex).Distinct().Order().Select(i => new DocumentRef(i, review.Document(i)!.Id)).ToList()));
    }

    private static Results<Ok<DocumentListResponse>, ProblemHttpResult> Documents(RunReview review, string? offsetText, string? limitText)
    {
        if (!QueryValue.TryInt(offsetText, "offset", 0, 0, int.MaxValue, out var offset, out var problem)
            || !QueryValue.TryInt(limitText, "limit", 200, 1, 5000, out var limit, out problem))
        {
            return problem!;
        }

        return TypedResults.Ok(new DocumentListResponse(
            review.Documents.Count,
            review.Documents.Skip(offset!.Value).Take(limit!.Value).Select(d => new DocumentListItem(d.Index, d.Id, d.Text.Length, review.TriplesByDocument.GetValueOrDefault(d.Index)?.Count ?? 0)).ToList()));
    }

    private static Results<Ok<DocumentView>, ProblemHttpResult> Document(RunUnderReview run, string id)
    {
        if (!int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            return Problems.BadRequest($"A document is named by its index in corpus order, a whole number (got '{id}').");
        }

        var review = run.Review;
        if (review.Document(index) is not { } document)
        {
            return Problems.NotFound($"No document {index} in this run (it has {review.Documents.Count}).");
        }

        var triples = review.TriplesByDocument.GetValueOrDefault(index, [])
            .Select(t =>
            {
                var triple = t.Triple.Triple;
                var recorded = run.Spans.Of(index, t.Triple.Iteration, triple.Subject, triple.Relation, triple.Object);
                var located = recorded is null ? SpanLocator.LocatePair(document.Text, triple.Subject, triple.Object) : default;
                return new DocumentTripleView(
                    t.Id, triple.Subject, triple.Relation, triple.Object, t.SubjectId, t.ObjectId,
                    Span(document.Text, recorded?.Subject, located.Subject), Span(document.Text, recorded?.Object, located.Object),
                    Outcomes.Of(t.Triple.Decision), t.Triple.Correction is not null, t.Triple.Iteration, t.Position);
            })
            .ToList();
        return TypedResults.Ok(new DocumentView(document.Index, document.Id, document.Text, review.FinalIteration.TryGetValue(index, out var iteration) ? iteration : null, triples));
    }

    private static IResult Decisions(RunUnderReview run, string? kind, string? iterationText, string? documentText, string? relation, string? outcome, string? correctedText, string? offsetText, string? limitText)
    {
        if (!QueryValue.TryInt(iterationText, "iteration", null, 0, int.MaxValue, out var iteration, out var problem)
            || !QueryValue.TryInt(documentText, "document", null, 0, int.MaxValue, out var document, out problem)
            || !QueryValue.TryInt(offsetText, "offset", 0, 0, int.MaxValue, out var offset, out problem)
            || !QueryValue.TryInt(limitText, "limit", 100, 1, 1000, out var limit, out problem))
        {
            return problem!;
        }

        if (!string.IsNullOrEmpty(outcome) && !Outcomes.All.Contains(outcome))
        {
            return Problems.BadRequest($"'outcome' must be one of {string.Join(", ", Outcomes.All)} (got '{outcome}').");
        }

        bool? corrected = correctedText switch
        {
            null or "" => null,
            "true" => true,
            "false" => false,
            _ => null,
        };
        if (corrected is null && !string.IsNullOrEmpty(correctedText))
        {
            return Problems.BadRequest($"'corrected' must be true or false (got '{correctedText}').");
        }

        var review = run.Review;
        if (kind is "merge")
        {
            var merges = run.MergeDecisions(iteration);
            return TypedResults.Ok(new MergeDecisionListResponse(run.EntityResolution, merges.Count, offset!.Value, merges.Skip(offset.Value).Take(limit!.Value).ToList()));
        }

        if (!string.IsNullOrEmpty(kind) && kind != "relation")
        {
            return Problems.BadRequest($"'kind' must be relation or merge (got '{kind}').");
        }

        if (document is not null && review.Document(document.Value) is null)
        {
            return Problems.NotFound($"No document {document} in this run.");
        }

        var rows = review.Decisions
            .Where(d => iteration is null || d.Iteration == iteration)
            .Where(d => document is null || d.Document.Index == document)
            .Where(d => string.IsNullOrEmpty(relation) || d.Original.OpenTriple.Relation == relation || d.Current.Result?.Relation == relation)
            .Where(d => string.IsNullOrEmpty(outcome) || Outcomes.Of(d.Current.Kind) == outcome)
            .Where(d => corrected is null || (d.Current.Correction is not null) == corrected)
            .ToList();
        var corrections = review.Corrections.ToDictionary(c => c.Id);
        return TypedResults.Ok(new DecisionListResponse(
            rows.Count,
            offset!.Value,
            rows.Skip(offset.Value).Take(limit!.Value).Select(d => Decision(d, corrections)).ToList(),
            review.Iterations.Select(i => i.Iteration).ToList(),
            review.Schema.Select(r => r.Name).ToList()));
    }

    private static async Task<Results<Created<CorrectionResponse>, ProblemHttpResult>> CorrectAsync(RunUnderReview run, HttpRequest request, CancellationToken cancellationToken)
    {
        // A JSON body only: a page on another site cannot send one without the browser asking first (CORS), which
        // this server never allows, so corrections come from the review page alone.
        if (!request.HasJsonContentType())
        {
            return Problems.BadRequest("The body must be JSON (Content-Type: application/json).");
        }

        CorrectionRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<CorrectionRequest>(request.Body, RequestJson, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return Problems.BadRequest($"The body is not a correction: {e.Message}");
        }

        if (body is null)
        {
            return Problems.BadRequest("The body is empty.");
        }

        var review = run.Review;
        var built = CorrectionFromRequest.Build(review, body);
        if (built.Problem is { } problem)
        {
            return problem;
        }

        var (stored, rewritten) = await run.CorrectAsync(built.Correction!, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/corrections/{stored.Id}", new CorrectionResponse(CorrectionView.Of(stored), rewritten));
    }

    private static async Task<Results<Ok<CorrectionResponse>, ProblemHttpResult>> UndoAsync(RunUnderReview run, string id, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return Problems.BadRequest($"A correction is named by its number (got '{id}').");
        }

        if (await run.UndoAsync(number, cancellationToken).ConfigureAwait(false) is not { } undone)
        {
            return Problems.NotFound($"No correction {number} in this run.");
        }

        return TypedResults.Ok(new CorrectionResponse(CorrectionView.Of(undone.Correction), undone.Rewritten));
    }

    private static DecisionView Decision(DecisionRow row, IReadOnlyDictionary<long, Correction> corrections)
        => new(
            row.Iteration,
            row.Document.Index,
            row.Document.Id,
            row.Position,
            row.Original.OpenTriple.ToList(),
            row.Definition,
            row.Original.Candidates.Select(c => new CandidateView(c.Name, c.Score)).ToList(),
            row.Original.Answer,
            row.Current.Result?.Relation,
            Outcomes.Of(row.Current.Kind),
            row.Original.Result?.Relation,
            Outcomes.Of(row.Original.Kind),
            row.Current.Correction is { } mark && corrections.TryGetValue(mark.Id, out var correction) ? CorrectionView.Of(correction) : null);

    private static SpanView? Span(string text, (int Start, int End)? recorded, (int Start, int End)? located)
    {
        if (recorded is { } span)
        {
            return new SpanView(SpanLocator.Utf16Offset(text, span.Start), SpanLocator.Utf16Offset(text, span.End), "recorded");
        }

        return located is { } found ? new SpanView(found.Start, found.End, "located") : null;
    }

    private static EntitySummary Summary(ReviewEntity entity) => new(entity.Id, entity.Name, entity.Triples.Count, entity.Documents.Count);

    private static EdgeView Edge(ReviewTriple t) => new(
        t.Id, t.SubjectId, t.ObjectId, t.Triple.Triple.Relation, t.Triple.OpenRelation, t.Triple.DocumentIndex, t.Triple.DocumentId, t.Triple.Iteration, t.Position,
        Outcomes.Of(t.Triple.Decision), t.Triple.Correction is not null);
}
