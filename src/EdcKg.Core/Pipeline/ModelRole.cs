namespace EdcKg.Core.Pipeline;

/// <summary>
/// The model roles of a run, as EDC names them: each role is served by one model, and a role that is not given
/// falls back to another one by EDC's rule (<see cref="ModelRoles.FallbackOf"/>).
/// </summary>
public enum ModelRole
{
    /// <summary>The LLM of open information extraction (and refined extraction); EDC's <c>oie_llm</c>.</summary>
    OpenExtraction,

    /// <summary>The LLM that writes relation definitions; EDC's <c>sd_llm</c>.</summary>
    SchemaDefinition,

    /// <summary>The LLM that verifies target alignment; EDC's <c>sc_llm</c>.</summary>
    SchemaCanonicalization,

    /// <summary>The LLM of entity extraction and merging in refinement iterations; EDC's <c>ee_llm</c>.</summary>
    EntityExtraction,

    /// <summary>The embedder of relation definitions for canonicalization; EDC's <c>sc_embedder</c>.</summary>
    CanonicalizationEmbedder,

    /// <summary>The embedder of the schema retriever in refinement iterations; EDC's <c>sr_embedder</c>.</summary>
    SchemaRetrieverEmbedder,

    /// <summary>The LLM that decides entity merges.</summary>
    EntityResolution,

    /// <summary>The embedder of entity names with their context for entity-resolution candidates.</summary>
    EntityResolutionEmbedder,
}
