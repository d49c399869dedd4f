namespace EdcKg.Core.Storage;

/// <summary>The names under which stage outputs are stored, per document and iteration.</summary>
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
}
