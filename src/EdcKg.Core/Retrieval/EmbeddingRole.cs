namespace EdcKg.Core.Retrieval;

/// <summary>
/// What a text is embedded as. Asymmetric models (e5, instruction-tuned embedders) prefix queries and passages
/// differently; the pipeline embeds relation definitions as passages and documents or definitions that look
/// something up as queries.
/// </summary>
public enum EmbeddingRole
{
    /// <summary>The text is embedded as it is, with no prefix.</summary>
    Plain,

    /// <summary>The text looks something up (e5's <c>query: </c>, an instruction prompt).</summary>
    Query,

    /// <summary>The text is looked up (e5's <c>passage: </c>).</summary>
    Passage,
}
