using EdcKg.Core.Corrections;
using EdcKg.Core.Domain;
using EdcKg.Review.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EdcKg.Review.Api;

/// <summary>Turns a <see cref="CorrectionRequest"/> into a <see cref="Correction"/> of the run, or the problem with it.</summary>
internal static class CorrectionFromRequest
{
    public static (Correction? Correction, ProblemHttpResult? Problem) Build(RunReview review, CorrectionRequest request)
    {
        if (CorrectionKinds.Parse(request.Kind) is not { } kind)
        {
            return Fail(Problems.BadRequest($"'kind' must be one of {CorrectionKinds.List} (got '{request.Kind}')."));
        }

        return kind switch
        {
            CorrectionKind.MergeEntities => Merge(review, request),
            CorrectionKind.SplitEntity => Split(review, request),
            _ => Relation(review, request, kind),
        };
    }

    private static (Correction?, ProblemHttpResult?) Relation(RunReview review, CorrectionRequest request, CorrectionKind kind)
    {
        if (request is not { Iteration: { } iteration, Document: { } document, Position: { } position })
        {
            return Fail(Problems.BadRequest($"A {CorrectionKinds.Name(kind)} correction names its decision with 'iteration', 'document' and 'position'."));
        }

        if (review.Decision(iteration, document, position) is not { } decision)
        {
            return Fail(Problems.NotFound($"No decision at iteration {iteration}, document {document}, position {position}."));
        }

        string? relation = null;
        if (kind == CorrectionKind.ChooseRelation)
        {
            relation = request.Relation?.Trim();
            if (string.IsNullOrEmpty(relation))
            {
                return Fail(Problems.BadRequest("A chooseRelation correction names the chosen 'relation'."));
            }

            if (!decision.Original.Candidates.Any(c => c.Name == relation) && !review.Schema.Any(r => r.Name == relation))
            {
                return Fail(Problems.BadRequest($"'{relation}' is neither a candidate of this decision nor a relation of the schema."));
            }
        }

        return (new Correction(kind) { DocumentId = decision.Document.Id, Iteration = iteration, OpenTriple = decision.Original.OpenTriple, Relation = relation }, null);
    }

    private static (Correction?, ProblemHttpResult?) Merge(RunReview review, CorrectionRequest request)
    {
        if (string.IsNullOrEmpty(request.Entity) || string.IsNullOrEmpty(request.Into))
        {
            return Fail(Problems.BadRequest("A mergeEntities correction names the 'entity' merged and the entity it goes 'into' (entity ids)."));
        }

        if (review.Entity(request.Entity) is not { } entity)
        {
            return Fail(Problems.NotFound($"No entity '{request.Entity}' in this run."));
        }

        if (review.Entity(request.Into) is not { } into)
        {
            return Fail(Problems.NotFound($"No entity '{request.Into}' in this run."));
        }

        if (entity.Id == into.Id)
        {
            return Fail(Problems.BadRequest("An entity cannot be merged into itself."));
        }

        return (new Correction(CorrectionKind.MergeEntities) { Entity = entity.Name, NewName = into.Name }, null);
    }

    private static (Correction?, ProblemHttpResult?) Split(RunReview review, CorrectionRequest request)
    {
        if (string.IsNullOrEmpty(request.Entity) || request.Document is not { } document || string.IsNullOrWhiteSpace(request.NewName))
        {
            return Fail(Problems.BadRequest("A splitEntity correction names the 'entity' (id), the 'document' whose mentions split off, and their 'newName'."));
        }

        if (review.Entity(request.Entity) is not { } entity)
        {
            return Fail(Problems.NotFound($"No entity '{request.Entity}' in this run."));
        }

        if (review.Document(document) is not { } found)
        {
            return Fail(Problems.NotFound($"No document {document} in this run."));
        }

        if (!entity.Documents.Contains(document))
        {
            return Fail(Problems.BadRequest($"'{entity.Name}' is not mentioned in document {document}."));
        }

        var newName = request.NewName.Trim();
        if (EntityKey.Of(newName) == EntityKey.Of(entity.Name))
        {
            return Fail(Problems.BadRequest($"The new name must differ from '{entity.Name}'."));
        }

        return (new Correction(CorrectionKind.SplitEntity) { Entity = entity.Name, DocumentId = found.Id, NewName = newName }, null);
    }

    private static (Correction?, ProblemHttpResult?) Fail(ProblemHttpResult problem) => (null, problem);
}
