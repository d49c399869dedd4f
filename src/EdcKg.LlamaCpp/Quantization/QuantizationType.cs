namespace EdcKg.LlamaCpp.Quantization;

/// <summary>A target weight format of <c>llama_model_quantize</c> (a <c>llama_ftype</c>), by its usual name.</summary>
/// <param name="Name">The name users type, such as <c>Q4_K_M</c>.</param>
/// <param name="FileType">The <c>llama_ftype</c> value.</param>
public sealed record QuantizationType(string Name, int FileType)
{
    /// <summary>Every supported type, smallest bits first.</summary>
    public static IReadOnlyList<QuantizationType> All { get; } =
    [
        new("Q2_K", 10), new("Q3_K_S", 11), new("Q3_K_M", 12), new("Q3_K_L", 13), new("Q4_0", 2), new("Q4_1", 3),
        new("Q4_K_S", 14), new("Q4_K_M", 15), new("Q5_0", 8), new("Q5_1", 9), new("Q5_K_S", 16), new("Q5_K_M", 17),
        new("Q6_K", 18), new("Q8_0", 7), new("F16", 1), new("BF16", 32), new("F32", 0),
    ];

    /// <summary>The type named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static QuantizationType Parse(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown quantization type '{name}'; use one of {string.Join(", ", All.Select(t => t.Name))}.", nameof(name));
}
