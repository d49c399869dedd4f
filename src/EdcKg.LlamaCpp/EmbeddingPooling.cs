namespace EdcKg.LlamaCpp;

/// <summary>How token states become one embedding (values of <c>llama_pooling_type</c>).</summary>
public enum EmbeddingPooling
{
    /// <summary>What the GGUF says; last-token pooling when it says nothing (decoder embedders such as e5-mistral).</summary>
    FromModel = -1,

    /// <summary>Average of the token states.</summary>
    Mean = 1,

    /// <summary>The first token's state.</summary>
    Cls = 2,

    /// <summary>The last token's state.</summary>
    Last = 3,
}
