namespace EdcKg.Core.Pipeline;

/// <summary>Facts about each <see cref="ModelRole"/>: its stored label, its option name and EDC's defaulting rule, in one place.</summary>
public static class ModelRoles
{
    /// <summary>Every role, in the order they are listed to users.</summary>
    public static IReadOnlyList<ModelRole> All { get; } = Enum.GetValues<ModelRole>();

    /// <summary>
    /// The short label under which the role is stored (cache identities, usage, manifests): EDC's own prefixes
    /// (<c>oie</c>, <c>sd</c>, <c>sc</c>, <c>ee</c>, <c>sc_embedder</c>, <c>sr_embedder</c>), stable across versions.
    /// </summary>
    public static string Label(this ModelRole role) => role switch
    {
        ModelRole.OpenExtraction => "oie",
        ModelRole.SchemaDefinition => "sd",
        ModelRole.SchemaCanonicalization => "sc",
        ModelRole.EntityExtraction => "ee",
        ModelRole.CanonicalizationEmbedder => "sc_embedder",
        ModelRole.SchemaRetrieverEmbedder => "sr_embedder",
        ModelRole.EntityResolution => "er",
        ModelRole.EntityResolutionEmbedder => "er_embedder",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>The role stored under <paramref name="label"/> (<see cref="Label"/>), or null for a label no role has.</summary>
    public static ModelRole? FromLabel(string label)
    {
        foreach (var role in All)
        {
            if (role.Label() == label)
            {
                return role;
            }
        }

        return null;
    }

    /// <summary>The command-line option that names the role's model (<c>--oie-llm</c>, <c>--sc-embedder</c>, ...).</summary>
    public static string OptionName(this ModelRole role) => role switch
    {
        ModelRole.OpenExtraction => "--oie-llm",
        ModelRole.SchemaDefinition => "--sd-llm",
        ModelRole.SchemaCanonicalization => "--sc-llm",
        ModelRole.EntityExtraction => "--ee-llm",
        ModelRole.CanonicalizationEmbedder => "--sc-embedder",
        ModelRole.SchemaRetrieverEmbedder => "--sr-embedder",
        ModelRole.EntityResolution => "--er-llm",
        ModelRole.EntityResolutionEmbedder => "--er-embedder",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>Whether the role is served by an embedder (otherwise by a chat LLM).</summary>
    public static bool IsEmbedder(this ModelRole role)
        => role is ModelRole.CanonicalizationEmbedder or ModelRole.SchemaRetrieverEmbedder or ModelRole.EntityResolutionEmbedder;

    /// <summary>
    /// EDC's rule for a role whose model is not given: the other LLM roles use the OIE model, the retriever uses the
    /// canonicalization embedder; entity resolution uses the canonicalization LLM and embedder. Null for the two roles
    /// every run must name (or take from the defaults).
    /// </summary>
    public static ModelRole? FallbackOf(ModelRole role) => role switch
    {
        ModelRole.SchemaDefinition or ModelRole.SchemaCanonicalization or ModelRole.EntityExtraction => ModelRole.OpenExtraction,
        ModelRole.SchemaRetrieverEmbedder => ModelRole.CanonicalizationEmbedder,
        ModelRole.EntityResolution => ModelRole.SchemaCanonicalization,
        ModelRole.EntityResolutionEmbedder => ModelRole.CanonicalizationEmbedder,
        _ => null,
    };

    /// <summary>
    /// The model of every role from the ones given (<paramref name="given"/> may leave any role out): each missing
    /// role takes its fallback's model, recursively. Roles whose chain ends in nothing are left out.
    /// </summary>
    public static IReadOnlyDictionary<ModelRole, string> Resolve(IReadOnlyDictionary<ModelRole, string?> given)
    {
        var resolved = new Dictionary<ModelRole, string>();
        foreach (var role in All)
        {
            for (ModelRole? current = role; current is { } r; current = FallbackOf(r))
            {
                if (given.GetValueOrDefault(r) is { Length: > 0 } name)
                {
                    resolved[role] = name;
                    break;
                }
            }
        }

        return resolved;
    }
}
