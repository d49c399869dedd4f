namespace EdcKg.Core.Prompts;

/// <summary>
/// How a text is embedded. Asymmetric models (e5, instruction-tuned embedders) embed queries with a prefix or an
/// instruction and passages without; symmetric models ignore the role.
/// </summary>
public enum EmbeddingRole
{
    /// <summary>A text that is searched for (a schema relation definition in the index).</summary>
    Passage,

    /// <summary>A text that searches (an open relation's definition, or a document in schema retrieval).</summary>
    Query,
}
