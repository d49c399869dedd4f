using Microsoft.Extensions.AI;

namespace EdcKg.Core.Retrieval;

/// <summary>
/// A view of an embedding generator that always embeds in one <see cref="EmbeddingRole"/>, for a consumer that takes a
/// plain <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> (schema retrieval embeds queries, canonicalization
/// embeds definitions as passages). Disposing the view leaves the inner generator open.
/// </summary>
public sealed class RoleEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>Creates the view.</summary>
    public RoleEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, EmbeddingRole role)
        : base(inner)
    {
        Role = role;
    }

    /// <summary>The role every call is made in.</summary>
    public EmbeddingRole Role { get; }

    /// <inheritdoc />
    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var withRole = options?.Clone() ?? new EmbeddingGenerationOptions();
        withRole.AdditionalProperties = withRole.AdditionalProperties?.Clone() ?? [];
        withRole.AdditionalProperties[EmbeddingRoleOptions.Key] = Role;
        return base.GenerateAsync(values, withRole, cancellationToken);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        // The inner generator is shared with other views; its owner disposes it.
    }
}
