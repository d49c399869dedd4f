using System.Text.Json;
using EdcKg.LlamaCpp.Grammars;
using EdcKg.LlamaCpp.Native;

namespace EdcKg.LlamaCpp.Tests;

[Collection(TinyModelCollection.Name)]
public sealed class LlamaLibraryTests(TinyModelFixture fixture)
{
    [Fact]
    public void FoldersAreSearchedOptionFirstThenEnvironmentThenTheInstalledRuntime()
    {
        var previous = Environment.GetEnvironmentVariable(LlamaLibrary.FolderVariable);
        Environment.SetEnvironmentVariable(LlamaLibrary.FolderVariable, "/opt/llama-build");
        try
        {
            var folders = LlamaLibrary.CandidateFolders("/explicit/llama").ToList();
            Assert.Equal("/explicit/llama", folders[0]);
            Assert.Equal("/opt/llama-build", folders[1]);
            Assert.EndsWith(Path.Combine(".native", LlamaLibrary.PackageVersion, "bins", "linux-x64"), folders[2]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(LlamaLibrary.FolderVariable, previous);
        }
    }

    [Fact]
    public void TheLoadedRuntimeIsThePinnedReleaseAndCannotBeSwitched()
    {
        Assert.NotNull(fixture.Model);
        Assert.NotNull(LlamaLibrary.LoadedFolder);
        var error = Assert.Throws<LlamaException>(() => LlamaLibrary.Load("/somewhere/else"));
        Assert.Contains(LlamaLibrary.LoadedFolder!, error.Message);
    }

    [Fact]
    public void UnsupportedJsonSchemaTypeIsNamedWithItsPath()
    {
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"when":{"type":"date"}},"required":["when"]}""").RootElement;
        var error = Assert.Throws<NotSupportedException>(() => JsonSchemaGrammar.For(schema));
        Assert.Contains("$.when", error.Message);
    }
}
