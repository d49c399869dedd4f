using EdcKg.Core.Domain;

namespace EdcKg.Review.Model;

/// <summary>A triple of the final graph (corrections applied) with where its decision is.</summary>
/// <param name="Id">Its number in the review (stable while the corrections do not change).</param>
/// <param name="Triple">The triple with its provenance.</param>
/// <param name="Position">The index of its decision among its document's decisions in its iteration.</param>
/// <param name="SubjectId">The subject's entity id.</param>
/// <param name="ObjectId">The object's entity id.</param>
internal sealed record ReviewTriple(int Id, CanonicalTriple Triple, int Position, string SubjectId, string ObjectId);
