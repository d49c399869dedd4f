using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using Microsoft.Extensions.AI;
using TestModels;

namespace EdcKg.Core.Tests.Pipeline;

/// <summary>Runs the pipeline on the scripted test backends with our prompts.</summary>
internal static class TestRuns
{
    public static readonly Dictionary<ModelRole, string> Models = new()
    {
        [ModelRole.OpenExtraction] = "scripted", [ModelRole.SchemaDefinition] = "scripted", [ModelRole.SchemaCanonicalization] = "scripted", [ModelRole.EntityExtraction] = "scripted", [ModelRole.CanonicalizationEmbedder] = "hashing-64", [ModelRole.SchemaRetrieverEmbedder] = "hashing-64",
    };

    public static EdcPrompts Prompts(EdcSettings settings)
        => EdcPrompts.Load(new PromptSources(Path.Combine(TestPaths.Prompts, "templates"), Path.Combine(TestPaths.Prompts, "few_shot")), settings.RefinementIterations > 0);

    public static IReadOnlyList<Document> Corpus(params string[] texts) => texts.Select((t, i) => new Document(i, "doc-" + i, t)).ToList();

    /// <summary>
    /// Runs (or resumes) the corpus into <paramref name="output"/>; extra manifest entries are added to the run's own, and
    /// <paramref name="beforeCommit"/> is the store's commit hook.
    /// </summary>
    public static async Task<(RunSummary Summary, EdcPipeline Pipeline)> RunAsync(
        IReadOnlyList<Document> corpus, string output, EdcSettings settings, IChatClient chat, IReadOnlyDictionary<string, string>? extraManifest = null, IReadOnlyList<SchemaRelation>? schema = null,
        EdcPrompts? prompts = null, Action<string>? beforeCommit = null, CancellationToken cancellationToken = default)
    {
        schema ??= [];
        prompts ??= Prompts(settings);
        var embedder = new HashingEmbeddingGenerator();
        await using var store = RunStore.Open(output);
        store.BeforeCommit = beforeCommit;
        var pipeline = new EdcPipeline(new EdcBackends(chat, chat, chat, embedder, chat, embedder), prompts, settings, store, Models);
        var manifest = RunManifest.Create(corpus, schema, prompts, settings, Models);
        foreach (var (key, value) in extraManifest ?? new Dictionary<string, string>())
        {
            manifest[key] = value;
        }

        var summary = await pipeline.RunAsync(corpus, schema, manifest, output, cancellationToken);
        return (summary, pipeline);
    }

    public static void AssertSameOutputs(string expected, string actual, int iterations)
    {
        for (var i = 0; i < iterations; i++)
        {
            foreach (var file in new[] { "canon_kg.txt", "result_at_each_stage.json", "triples.jsonl" })
            {
                Assert.Equal(File.ReadAllText(Path.Combine(expected, "iter" + i, file)), File.ReadAllText(Path.Combine(actual, "iter" + i, file)));
            }
        }
    }
}
