namespace EdcKg.Core.Domain;

/// <summary>Where a schema relation comes from.</summary>
public enum RelationOrigin
{
    /// <summary>Read from the target schema the user gave.</summary>
    Target,

    /// <summary>Added by self-canonicalization from an extracted relation.</summary>
    Induced,
}
