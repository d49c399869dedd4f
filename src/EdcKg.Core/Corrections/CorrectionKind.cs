namespace EdcKg.Core.Corrections;

/// <summary>What a reviewer changed.</summary>
public enum CorrectionKind
{
    /// <summary>A canonicalization decision now uses another relation (a candidate or any schema relation).</summary>
    ChooseRelation,

    /// <summary>A canonicalization decision keeps the open relation as extracted.</summary>
    KeepOpenRelation,

    /// <summary>A canonicalization decision drops its triple.</summary>
    DropTriple,

    /// <summary>Every mention of an entity becomes a mention of another entity.</summary>
    MergeEntities,

    /// <summary>The mentions of an entity in one document become a new entity of their own.</summary>
    SplitEntity,
}
