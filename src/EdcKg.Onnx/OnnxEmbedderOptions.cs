namespace EdcKg.Onnx;

/// <summary>How an <see cref="OnnxSentenceEmbedder"/> opens and runs a sentence-transformers ONNX export.</summary>
public sealed record OnnxEmbedderOptions
{
    /// <summary>
    /// The ONNX file inside the model folder (or its <c>onnx/</c> sub-folder); <c>model_quantized.onnx</c> selects an
    /// int8 dynamically quantized export.
    /// </summary>
    public string ModelFileName { get; init; } = "model.onnx";

    /// <summary>
    /// Prompts put before texts by their role (see <see cref="Core.Prompts.EmbeddingPrompts.Resolve"/>): each part left
    /// unset is taken from the folder's <c>config_sentence_transformers.json</c> (<c>sts_query</c>, <c>query</c>,
    /// <c>passage</c>...), then from EDC's instruction prompt, the rule every embedder follows.
    /// </summary>
    public Core.Prompts.EmbeddingPrompts Prompts { get; init; } = Core.Prompts.EmbeddingPrompts.None;

    /// <summary>Texts per ONNX run; a larger batch amortises the per-run overhead, padded to its longest text.</summary>
    public int MaxBatchSize { get; init; } = 32;

    /// <summary>Threads of one ONNX run (intra-op); null uses one per core, as every local backend does.</summary>
    public int? Threads { get; init; }

    /// <summary>Overrides the maximum tokens per text (including [CLS] and [SEP]) that the model's files give.</summary>
    public int? MaxSequenceLength { get; init; }

    /// <summary>Overrides whether vectors are L2-normalised; null follows the model's <c>modules.json</c>.</summary>
    public bool? Normalize { get; init; }
}
