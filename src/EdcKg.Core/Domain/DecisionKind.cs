namespace EdcKg.Core.Domain;

/// <summary>What schema canonicalization decided for one open triple.</summary>
public enum DecisionKind
{
    /// <summary>The open relation already is a schema relation and was kept as is.</summary>
    AlreadyInSchema,

    /// <summary>The LLM chose one of the retrieved schema relations.</summary>
    Aligned,

    /// <summary>No candidate was chosen and the open relation joined the schema (self-canonicalization).</summary>
    AddedToSchema,

    /// <summary>No candidate was chosen and the triple was dropped (target alignment without enrichment).</summary>
    Dropped,

    /// <summary>The relation had no definition, so it could not be canonicalized and the triple was dropped.</summary>
    DroppedUndefined,
}
