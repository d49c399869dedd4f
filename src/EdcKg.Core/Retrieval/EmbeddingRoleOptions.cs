using Microsoft.Extensions.AI;

namespace EdcKg.Core.Retrieval;

/// <summary>
/// Carries an <see cref="EmbeddingRole"/> through <see cref="EmbeddingGenerationOptions.AdditionalProperties"/>, so
/// any <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> backend can apply its own query/passage prefixes.
/// </summary>
public static class EmbeddingRoleOptions
{
    /// <summary>The key of the role in <see cref="EmbeddingGenerationOptions.AdditionalProperties"/>; the value is an <see cref="EmbeddingRole"/>.</summary>
    public const string Key = "edckg.embedding_role";

    /// <summary>Options that ask for <paramref name="role"/>.</summary>
    public static EmbeddingGenerationOptions For(EmbeddingRole role) =>
        new() { AdditionalProperties = new AdditionalPropertiesDictionary { [Key] = role } };

    /// <summary>
    /// The role asked for by <paramref name="options"/>: <see cref="EmbeddingRole.Plain"/> when none is given.
    /// Accepts the enum or its name, as options that went through JSON carry a string.
    /// </summary>
    public static EmbeddingRole RoleOf(EmbeddingGenerationOptions? options)
    {
        if (options?.AdditionalProperties?.TryGetValue(Key, out var value) != true)
        {
            return EmbeddingRole.Plain;
        }

        return value switch
        {
            EmbeddingRole role => role,
            string name when Enum.TryParse<EmbeddingRole>(name, ignoreCase: true, out var parsed) => parsed,
            _ => throw new ArgumentException($"The option '{Key}' must be one of {string.Join(", ", Enum.GetNames<EmbeddingRole>())}; got '{value}'."),
        };
    }
}
