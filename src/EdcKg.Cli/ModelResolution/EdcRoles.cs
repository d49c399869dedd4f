using EdcKg.Core.Pipeline;

namespace EdcKg.Cli.ModelResolution;

/// <summary>The model roles of EDC's own run (extraction, definition, canonicalization and refinement), the ones a run records.</summary>
public static class EdcRoles
{
    /// <summary>EDC's roles, in the order of its options.</summary>
    public static IReadOnlyList<ModelRole> All { get; } =
    [
        ModelRole.OpenExtraction, ModelRole.SchemaDefinition, ModelRole.SchemaCanonicalization, ModelRole.EntityExtraction,
        ModelRole.CanonicalizationEmbedder, ModelRole.SchemaRetrieverEmbedder,
    ];

    /// <summary>The models of EDC's roles among <paramref name="resolved"/> (roles of later stages left out).</summary>
    public static Dictionary<ModelRole, string> Of(IReadOnlyDictionary<ModelRole, string> resolved)
        => All.Where(resolved.ContainsKey).ToDictionary(r => r, r => resolved[r]);
}
