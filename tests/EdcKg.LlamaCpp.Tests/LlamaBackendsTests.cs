using Microsoft.Extensions.AI;

namespace EdcKg.LlamaCpp.Tests;

[Collection(TinyModelCollection.Name)]
public sealed class LlamaBackendsTests(TinyModelFixture fixture)
{
    [Fact]
    public async Task StagesNamingTheSameFileShareOneModelAndOneClient()
    {
        using var backends = new LlamaBackends(new LlamaChatClientOptions { Threads = 1, MaxParallelSequences = 2, ContextSize = 1024 });
        var extraction = backends.ChatClient(fixture.ModelPath);
        var definition = backends.ChatClient(Path.Combine(Path.GetDirectoryName(fixture.ModelPath)!, ".", Path.GetFileName(fixture.ModelPath)));
        var embedder = backends.EmbeddingGenerator(fixture.ModelPath);

        Assert.Same(extraction, definition);
        Assert.Same(extraction.GetService(typeof(LlamaModel)), ((LlamaChatClient)definition).GetService(typeof(LlamaModel)));
        var answer = await extraction.GetResponseAsync([new(ChatRole.User, "Hi")], new() { MaxOutputTokens = 2 });
        Assert.Equal(2, answer.Usage!.OutputTokenCount);
        Assert.Single(await embedder.GenerateAsync(["country"]));
    }

    [Fact]
    public void LocalModelsAreToldApartFromRemoteModelNames()
    {
        Assert.True(LlamaBackends.IsLocalModel(fixture.ModelPath));
        Assert.True(LlamaBackends.IsLocalModel("models/mistral-7b-instruct.Q4_K_M.gguf"));
        Assert.False(LlamaBackends.IsLocalModel("gpt-4o-mini"));
    }
}
