namespace EdcKg.LlamaCpp.Quantization;

/// <summary>How far a quantization has got: bytes written to the output so far, and the size of the input.</summary>
public sealed record QuantizationProgress(long BytesWritten, long InputBytes, TimeSpan Elapsed);
