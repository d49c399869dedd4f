using EdcKg.Core.Inputs;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using TestModels;

namespace EdcKg.Cli.Tests;

/// <summary>A real run folder for the commands that read one: the pipeline over two documents on the scripted chat client and hashing embedder.</summary>
internal static class ScriptedRunFolder
{
    private static readonly Dictionary<ModelRole, string> Models = new()
    {
        [ModelRole.OpenExtraction] = "scripted", [ModelRole.SchemaDefinition] = "scripted", [ModelRole.SchemaCanonicalization] = "scripted", [ModelRole.EntityExtraction] = "scripted", [ModelRole.CanonicalizationEmbedder] = "hashing-64", [ModelRole.SchemaRetrieverEmbedder] = "hashing-64",
    };

    /// <summary>Runs the pipeline into <paramref name="folder"/> (which the caller disposes) and returns the run's output folder.</summary>
    public static async Task<string> WriteAsync(TempFolder folder)
    {
        var corpusPath = CliRunner.WriteCorpus(folder, ["Alice works_for Acme. Acme located_in Paris.", "Bob works_for Initech. Bob born_in Lyon."]);
        var output = Path.Combine(folder, "run");
        var chat = new ScriptedChatClient();
        var embedder = new HashingEmbeddingGenerator();
        var settings = new EdcSettings();
        var corpus = CorpusReader.Read(corpusPath);
        var prompts = EdcPrompts.Load(new PromptSources(Path.Combine(RepositoryPaths.Prompts, "templates"), Path.Combine(RepositoryPaths.Prompts, "few_shot")), false);
        await using var store = RunStore.Open(output);
        var pipeline = new EdcPipeline(new EdcBackends(chat, chat, chat, embedder, chat, embedder), prompts, settings, store, Models);
        await pipeline.RunAsync(corpus, [], RunManifest.Create(corpus, [], prompts, settings, Models), output, CancellationToken.None);
        return output;
    }
}
