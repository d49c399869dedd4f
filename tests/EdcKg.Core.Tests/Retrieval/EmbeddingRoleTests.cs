using EdcKg.Core.Retrieval;
using Microsoft.Extensions.AI;

namespace EdcKg.Core.Tests.Retrieval;

public sealed class EmbeddingRoleTests
{
    [Fact]
    public void TheRoleTravelsThroughOptionsAsEnumOrName()
    {
        Assert.Equal(EmbeddingRole.Plain, EmbeddingRoleOptions.RoleOf(null));
        Assert.Equal(EmbeddingRole.Plain, EmbeddingRoleOptions.RoleOf(new EmbeddingGenerationOptions()));
        Assert.Equal(EmbeddingRole.Query, EmbeddingRoleOptions.RoleOf(EmbeddingRoleOptions.For(EmbeddingRole.Query)));
        Assert.Equal(
            EmbeddingRole.Passage,
            EmbeddingRoleOptions.RoleOf(new EmbeddingGenerationOptions { AdditionalProperties = new() { [EmbeddingRoleOptions.Key] = "passage" } }));
    }

    [Fact]
    public void AnUnknownRoleIsRefusedNamingTheKey()
    {
        var options = new EmbeddingGenerationOptions { AdditionalProperties = new() { [EmbeddingRoleOptions.Key] = "document" } };

        var error = Assert.Throws<ArgumentException>(() => EmbeddingRoleOptions.RoleOf(options));

        Assert.Contains(EmbeddingRoleOptions.Key, error.Message);
        Assert.Contains("document", error.Message);
    }

    [Fact]
    public async Task ARoleViewSetsItsRoleKeepsOtherOptionsAndLeavesTheInnerGeneratorOpen()
    {
        using var inner = new RecordingGenerator();
        var caller = new EmbeddingGenerationOptions { Dimensions = 8, AdditionalProperties = new() { ["other"] = 1 } };

        using (var view = new RoleEmbeddingGenerator(inner, EmbeddingRole.Query))
        {
            await view.GenerateAsync(["born in"], caller);
        }

        var seen = Assert.Single(inner.Options);
        Assert.Equal(EmbeddingRole.Query, EmbeddingRoleOptions.RoleOf(seen));
        Assert.Equal(8, seen!.Dimensions);
        Assert.Equal(1, seen.AdditionalProperties!["other"]);
        Assert.False(caller.AdditionalProperties.ContainsKey(EmbeddingRoleOptions.Key));
        Assert.False(inner.Disposed);
    }

    private sealed class RecordingGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        public List<EmbeddingGenerationOptions?> Options { get; } = [];

        public bool Disposed { get; private set; }

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            Options.Add(options);
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(_ => new Embedding<float>(new float[] { 1, 0 }))));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() => Disposed = true;
    }
}
