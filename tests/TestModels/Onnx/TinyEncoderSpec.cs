namespace TestModels.Onnx;

/// <summary>What a tiny sentence-transformers export written by <see cref="TinyEncoderFolder"/> looks like.</summary>
public sealed record TinyEncoderSpec
{
    /// <summary>Width of every hidden state (and so of the sentence vectors).</summary>
    public int HiddenSize { get; init; } = 32;

    /// <summary>Positions the model has embeddings for (and its tokenizer's <c>model_max_length</c>).</summary>
    public int MaxPositions { get; init; } = 64;

    /// <summary>The <c>max_seq_length</c> written to <c>sentence_bert_config.json</c>.</summary>
    public int MaxSequenceLength { get; init; } = 48;

    /// <summary>Pooling written to <c>1_Pooling/config.json</c>: <c>mean</c>, <c>cls</c>, <c>max</c> or <c>lasttoken</c>.</summary>
    public string Pooling { get; init; } = "mean";

    /// <summary>Whether <c>modules.json</c> ends with a Normalize module.</summary>
    public bool Normalize { get; init; } = true;

    /// <summary>Whether the graph takes <c>token_type_ids</c>.</summary>
    public bool TakesTokenTypeIds { get; init; } = true;

    /// <summary>An extra graph input no sentence embedder can fill, to test that it is refused.</summary>
    public string? UnexpectedInput { get; init; }

    /// <summary>Whether to also write <c>model_quantized.onnx</c> (int8 dynamic quantization of the MatMuls).</summary>
    public bool WriteQuantized { get; init; } = true;

    /// <summary>Whether the tokenizer lower-cases (<c>do_lower_case</c>).</summary>
    public bool LowerCase { get; init; } = true;

    /// <summary>Prompts written to <c>config_sentence_transformers.json</c>, if any (name to prefix).</summary>
    public IReadOnlyDictionary<string, string>? Prompts { get; init; }

    /// <summary>Seed of the fixed random weights.</summary>
    public int Seed { get; init; } = 1234;
}
