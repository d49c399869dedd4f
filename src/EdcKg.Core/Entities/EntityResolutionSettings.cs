namespace EdcKg.Core.Entities;

/// <summary>The options of entity resolution (bound from <c>--er-top-k</c> and <c>edckg.json</c>).</summary>
public sealed record EntityResolutionSettings
{
    /// <summary>Candidate entities offered to the model per mention (<c>--er-top-k</c>).</summary>
    public int TopK { get; init; } = 5;

    /// <summary>Candidates scoring below this are not offered; a mention with none left becomes a new entity without asking.</summary>
    public float MinimumScore { get; init; } = 0.3f;

    /// <summary>
    /// Candidates whose names share less than this are offered only when their embedding cosine reaches
    /// <see cref="EmbeddingOnlyCosine"/>: the subject and object of one sentence have close embeddings (the sentence
    /// is most of the embedded text) and are rarely one entity.
    /// </summary>
    public float MinimumLexical { get; init; } = 0.2f;

    /// <summary>The cosine at which a candidate is offered whatever its name (a synonym, a nickname).</summary>
    public float EmbeddingOnlyCosine { get; init; } = 0.9f;

    /// <summary>Names kept per blocking key: bounds the names one mention is compared with, whatever the corpus size.</summary>
    public int PostingCap { get; init; } = 32;

    /// <summary>The most names one mention is compared with (blocking keys are spent rarest first).</summary>
    public int ReachBudget { get; init; } = 96;

    /// <summary>Entities scored in full per mention: the best of the blocking pool by shared-key weight.</summary>
    public int ScoredPerMention { get; init; } = 24;

    /// <summary>Weight of the name similarity in the combined score; the embedding cosine has the rest.</summary>
    public float LexicalWeight { get; init; } = 0.6f;

    /// <summary>Bands of the embedding hash (blocking keys per mention from its embedding).</summary>
    public int HashBands { get; init; } = 8;

    /// <summary>Hyperplanes per band: more make a band more selective.</summary>
    public int HashBitsPerBand { get; init; } = 8;

    /// <summary>Seed of the hyperplanes, so that a run's candidates are the same every time.</summary>
    public int Seed { get; init; }

    /// <summary>Maximum answer length of the model (one letter is expected).</summary>
    public int MaxAnswerTokens { get; init; } = 5;

    /// <summary>Context characters shown with each candidate in the question.</summary>
    public int CandidateContextLength { get; init; } = 120;
}
