namespace TestModels;

/// <summary>The shape of a random-weight llama-architecture model written by <see cref="TinyLlamaGguf"/>.</summary>
public sealed record TinyLlamaSpec
{
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
