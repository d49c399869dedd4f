using EdcKg.OpenAi;
using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;

namespace EdcKg.OpenAi.Tests;

public sealed class RemoteEmbeddingGeneratorTests
{
    [Fact]
    public async Task ByDefaultInstructedQueriesAreSentInEdcsFormatAndEverythingElseAsItIs()
    {
        var server = new RecordingGenerator();
        using var generator = new RemoteEmbeddingGenerator(server);

        await generator.GenerateAsync(["Paris is in France."], EmbeddingOptionKeys.For(EmbeddingRole.Query, "Retrieve relations."));
        await generator.GenerateAsync(["capital of"], EmbeddingOptionKeys.For(EmbeddingRole.Query));
        await generator.GenerateAsync(["The subject is the capital of the object."], EmbeddingOptionKeys.For(EmbeddingRole.Passage));

        Assert.Equal(["Instruct: Retrieve relations.\nQuery: Paris is in France.", "capital of", "The subject is the capital of the object."], server.Texts);
        Assert.All(server.Options, o => Assert.Null(o?.AdditionalProperties));
    }

    [Fact]
    public async Task ConfiguredPromptsGoIntoTheTexts()
    {
        var server = new RecordingGenerator();
        using var generator = new RemoteEmbeddingGenerator(server, new EmbeddingPrompts("query: ", "passage: "));

        await generator.GenerateAsync(["Paris is in France."], EmbeddingOptionKeys.For(EmbeddingRole.Query, "Retrieve relations."));
        await generator.GenerateAsync(["capital of"], EmbeddingOptionKeys.For(EmbeddingRole.Query));
        await generator.GenerateAsync(["The subject is the capital of the object."]);

        Assert.Equal(["Instruct: Retrieve relations.\nQuery: Paris is in France.", "query: capital of", "passage: The subject is the capital of the object."], server.Texts);
    }

    private sealed class RecordingGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        public List<string> Texts { get; } = [];

        public List<EmbeddingGenerationOptions?> Options { get; } = [];

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToList();
            Texts.AddRange(texts);
            Options.Add(options);
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(texts.Select(_ => new Embedding<float>(new float[] { 1, 0 }))));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
