namespace EdcKg.Benchmarks.Entities;

/// <summary>One generated mention: the name as written, its sentence, the entity it truly is, and its embedding.</summary>
internal sealed record SyntheticMention(string Name, string Context, int Truth, float[] Vector);
