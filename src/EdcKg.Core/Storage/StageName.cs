namespace EdcKg.Core.Storage;

/// <summary>
/// The names of the stages (<see cref="Pipeline.IStage{TInput, TOutput}.Name"/>). The first four are the names under
/// which outputs are stored per item and iteration, stable across versions; the others name the steps those stages
/// are made of (their outputs are stored as part of their stage's).
/// </summary>
public static class StageName
{
    /// <summary>Open information extraction (refined in iterations after the first).</summary>
    public const string OpenExtraction = "oie";

    /// <summary>Schema definition.</summary>
    public const string SchemaDefinition = "sd";

    /// <summary>Schema canonicalization.</summary>
    public const string SchemaCanonicalization = "sc";

    /// <summary>Refinement hints (entity extraction, entity merging, schema retrieval).</summary>
    public const string RefinementHint = "hint";

    /// <summary>Target alignment of one triple (part of <see cref="SchemaCanonicalization"/>).</summary>
    public const string TargetAlignment = "ta";

    /// <summary>Self-canonicalization of one triple (part of <see cref="SchemaCanonicalization"/>).</summary>
    public const string SelfCanonicalization = "self";

    /// <summary>Entity extraction (part of <see cref="RefinementHint"/>).</summary>
    public const string EntityExtraction = "ee";

    /// <summary>Entity merging (part of <see cref="RefinementHint"/>).</summary>
    public const string EntityMerging = "em";

    /// <summary>Schema retrieval (part of <see cref="RefinementHint"/>).</summary>
    public const string SchemaRetrieval = "sr";

    /// <summary>Entity resolution (its decisions are kept in the entity tables, see <see cref="EntityStore"/>).</summary>
    public const string EntityResolution = "er";
}
