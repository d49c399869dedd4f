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
    /// Prefix of texts embedded as <see cref="Core.Prompts.EmbeddingRole.Query"/> (e5: <c>"query: "</c>; instruction
    /// models: <c>"Instruct: …\nQuery: "</c>). Null takes the model's <c>prompts.query</c> from
    /// <c>config_sentence_transformers.json</c>, if it has one.
    /// </summary>
    public string? QueryPrefix { get; init; }

    /// <summary>
    /// Prefix of texts embedded as <see cref="Core.Prompts.EmbeddingRole.Passage"/> (e5: <c>"passage: "</c>). Null takes
    /// the model's <c>prompts.passage</c> (or <c>prompts.document</c>), if it has one.
    /// </summary>
    public string? PassagePrefix { get; init; }

    /// <summary>
    /// Prompt of queries that carry a task instruction (<see cref="Core.Prompts.EmbeddingOptionKeys.Instruction"/>), with
    /// <c>{instruction}</c> where the instruction goes, e.g. <c>"Instruct: {instruction}\nQuery: "</c> for instruction-tuned
    /// embedders. Null ignores instructions and uses <see cref="QueryPrefix"/>, as models without instructions need.
    /// </summary>
    public string? InstructionPrompt { get; init; }

    /// <summary>Texts per ONNX run; a larger batch amortises the per-run overhead, padded to its longest text.</summary>
    public int MaxBatchSize { get; init; } = 32;

    /// <summary>Threads of one ONNX run (intra-op); 0 lets onnxruntime choose.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Overrides the maximum tokens per text (including [CLS] and [SEP]) that the model's files give.</summary>
    public int? MaxSequenceLength { get; init; }

    /// <summary>Overrides whether vectors are L2-normalised; null follows the model's <c>modules.json</c>.</summary>
    public bool? Normalize { get; init; }
}
