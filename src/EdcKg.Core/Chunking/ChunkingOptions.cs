namespace EdcKg.Core.Chunking;

/// <summary>How documents are cut into chunks.</summary>
public sealed record ChunkingOptions
{
    /// <summary>
    /// Sentences of the end of one chunk repeated at the start of the next (1 by default), so a statement that
    /// needs the sentence before it is still read whole; 0 turns overlap off. Overlap never takes more than half a
    /// chunk's budget.
    /// </summary>
    public int OverlapSentences { get; init; } = 1;

    /// <summary>
    /// Most tokens of document text in one chunk; null lets the stage models' context decide (the prompt of every
    /// stage, its answer limit included, must fit).
    /// </summary>
    public int? MaxChunkTokens { get; init; }

    /// <summary>
    /// The context assumed for a model that does not report one (a served model), in tokens. 8,192 by default: what
    /// nearly every current chat model accepts.
    /// </summary>
    public int AssumedContextTokens { get; init; } = 8192;
}
