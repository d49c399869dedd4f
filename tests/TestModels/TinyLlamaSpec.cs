namespace TestModels;

/// <summary>The shape of a random-weight llama-architecture model written by <see cref="TinyLlamaGguf"/>.</summary>
public sealed record TinyLlamaSpec
{
    /// <summary>
    /// The shape of a ~750M-parameter model (TinyLlama-1.1B's width on 12 layers): 12 layers, width 2048, 16 heads,
    /// feed-forward 5632, to pair with a 32,000-token vocabulary; about 440 MiB once quantized to Q4_K_M. For
    /// benchmarks, not the test suite.
    /// </summary>
    public static TinyLlamaSpec Realistic750M { get; } = new()
    {
        Name = "edckg-random-750m", Layers = 12, Width = 2048, Heads = 16, FeedForward = 5632, HalfPrecision = true, OutputScale = 1f,
    };

    /// <summary>The shape of a 7B llama model (32 layers, width 4096, 32 heads, feed-forward 11008); only for long benchmarks.</summary>
    public static TinyLlamaSpec SevenBLike { get; } = new()
    {
        Name = "edckg-random-7b", Layers = 32, Width = 4096, Heads = 32, FeedForward = 11008, HalfPrecision = true, OutputScale = 1f,
    };

    /// <summary>The model's name in its metadata.</summary>
    public string Name { get; init; } = "edckg-tiny-random";

    /// <summary>Transformer blocks.</summary>
    public int Layers { get; init; } = 2;

    /// <summary>Embedding width; a multiple of 32 so Q4_0/Q8_0 can quantize every matrix.</summary>
    public int Width { get; init; } = 64;

    /// <summary>Attention heads (and key/value heads).</summary>
    public int Heads { get; init; } = 4;

    /// <summary>Hidden width of the feed-forward block; a multiple of 32.</summary>
    public int FeedForward { get; init; } = 128;

    /// <summary>Context length the model claims to be trained for.</summary>
    public int ContextLength { get; init; } = 4096;

    /// <summary>Seed of the weights.</summary>
    public int Seed { get; init; } = 1234;

    /// <summary>Store matrices as f16 instead of f32.</summary>
    public bool HalfPrecision { get; init; }

    /// <summary>Scale of the output projection: larger makes the next-token distribution peakier (fewer near-ties).</summary>
    public float OutputScale { get; init; } = 16f;
}
