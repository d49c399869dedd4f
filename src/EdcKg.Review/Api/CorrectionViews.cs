using EdcKg.Core.Corrections;

namespace EdcKg.Review.Api;

/// <summary>A stored correction.</summary>
internal sealed record CorrectionView(
    long Id,
    string Kind,
    string? DocumentId,
    int? Iteration,
    IReadOnlyList<string>? OpenTriple,
    string? Relation,
    string? Entity,
    string? NewName,
    string User,
    DateTimeOffset CreatedAt,
    string? UndoneBy,
    DateTimeOffset? UndoneAt,
    bool Active)
{
    public static CorrectionView Of(Correction c) => new(
        c.Id, CorrectionKinds.Name(c.Kind), c.DocumentId, c.Iteration, c.OpenTriple?.ToList(), c.Relation, c.Entity, c.NewName, c.User, c.CreatedAt, c.UndoneBy, c.UndoneAt, c.IsActive);
}

/// <summary><c>POST /api/corrections</c>'s body.</summary>
/// <param name="Kind"><c>chooseRelation</c>, <c>keepOpenRelation</c>, <c>dropTriple</c>, <c>mergeEntities</c> or <c>splitEntity</c>.</param>
/// <param name="Iteration">The decision's iteration (relation corrections).</param>
/// <param name="Document">The decision's document index (relation corrections), or the document whose mentions are split off.</param>
/// <param name="Position">The decision's position in its document (relation corrections).</param>
/// <param name="Relation">The relation chosen (<c>chooseRelation</c>): one of the candidates or of the schema.</param>
/// <param name="Entity">The entity id merged or split.</param>
/// <param name="Into">The entity id merged into (<c>mergeEntities</c>).</param>
/// <param name="NewName">The split-off entity's name (<c>splitEntity</c>).</param>
internal sealed record CorrectionRequest(string? Kind, int? Iteration, int? Document, int? Position, string? Relation, string? Entity, string? Into, string? NewName);

/// <summary>What a correction or undo did: the correction and how many iterations' files were rewritten.</summary>
internal sealed record CorrectionResponse(CorrectionView Correction, int IterationsRewritten);

/// <summary><c>GET /api/corrections</c>.</summary>
internal sealed record CorrectionListResponse(int Active, IReadOnlyList<CorrectionView> Items);
