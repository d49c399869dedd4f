namespace EdcKg.Onnx;

/// <summary>How token states become one sentence vector (sentence-transformers' <c>1_Pooling/config.json</c>).</summary>
public enum PoolingMode
{
    /// <summary>Mean of the states of the real (unpadded) tokens.</summary>
    Mean,

    /// <summary>The state of the first token ([CLS]).</summary>
    Cls,

    /// <summary>Component-wise maximum over the real tokens.</summary>
    Max,

    /// <summary>The state of the last real token (decoder-style embedders).</summary>
    LastToken,

    /// <summary>Sum of the real tokens' states divided by the square root of their count.</summary>
    MeanSqrtLength,
}
