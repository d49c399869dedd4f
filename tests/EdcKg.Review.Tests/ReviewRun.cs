using EdcKg.Core.Inputs;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using TestModels;

namespace EdcKg.Review.Tests;

/// <summary>A run made in the test with the scripted model over a small corpus and target schema, in a temp folder.</summary>
internal sealed class ReviewRun : IDisposable
{
    public static readonly string[] Sentences =
    [
        "Alice works_for Acme. Acme located_in Paris.",
        "Bob works_for Initech. Bob born_in Lyon.",
        "Carol employed_by Globex. Globex located_in Berlin.",
        "Dave born_in Rome. Dave works_for Acme.",
    ];

    private static readonly Dictionary<ModelRole, string> Models = new()
    {
        [ModelRole.OpenExtraction] = "scripted", [ModelRole.SchemaDefinition] = "scripted", [ModelRole.SchemaCanonicalization] = "scripted", [ModelRole.EntityExtraction] = "scripted", [ModelRole.CanonicalizationEmbedder] = "hashing-64", [ModelRole.SchemaRetrieverEmbedder] = "hashing-64",
    };

    private ReviewRun(string folder)
    {
        Folder = folder;
        Output = Path.Combine(folder, "out");
    }

    public string Folder { get; }

    /// <summary>Whether the run resolves entities (its merge decisions then show on the page).</summary>
    public bool ResolveEntities { get; private init; }

    /// <summary>The run's output folder.</summary>
    public string Output { get; }

    public string CanonKg => File.ReadAllText(Path.Combine(Output, "iter0", "canon_kg.txt"));

    public string TriplesJsonl => File.ReadAllText(Path.Combine(Output, "iter0", "triples.jsonl"));

    /// <summary>Makes the run: "born in" is not in the target schema, so Bob's and Dave's birth places are dropped.</summary>
    public static async Task<ReviewRun> CreateAsync(string[]? sentences = null, bool resolveEntities = false)
    {
        var run = new ReviewRun(RepositoryPaths.TempDirectory()) { ResolveEntities = resolveEntities };
        File.WriteAllText(Path.Combine(run.Folder, "corpus.txt"), string.Join('\n', sentences ?? Sentences));
        File.WriteAllText(Path.Combine(run.Folder, "schema.csv"),
            "located in,The subject entity is located_in the place given by the object entity.\n"
            + "works for,The subject entity works_for the employer given by the object entity.\n"
            + "employed by,The subject entity is employed_by the organisation given by the object entity.\n");
        await run.RunPipelineAsync();
        return run;
    }

    /// <summary>Runs (or resumes) the same command over the same folder.</summary>
    public async Task<RunSummary> RunPipelineAsync()
    {
        var chat = new ScriptedChatClient();
        var embedder = new HashingEmbeddingGenerator();
        var corpus = CorpusReader.Read(Path.Combine(Folder, "corpus.txt"));
        var schema = SchemaCsvReader.Read(Path.Combine(Folder, "schema.csv"));
        var settings = new EdcSettings { EntityResolution = ResolveEntities ? new Core.Entities.EntityResolutionSettings() : null };
        var prompts = EdcPrompts.Load(new PromptSources(Path.Combine(RepositoryPaths.Prompts, "templates"), Path.Combine(RepositoryPaths.Prompts, "few_shot")), refinement: false, resolveEntities: ResolveEntities);
        await using var store = RunStore.Open(Output);
        var pipeline = new EdcPipeline(new EdcBackends(chat, chat, chat, embedder, chat, embedder, ResolveEntities ? chat : null, ResolveEntities ? embedder : null), prompts, settings, store, Models);
        return await pipeline.RunAsync(corpus, schema, RunManifest.Create(corpus, schema, prompts, settings, Models), Output, CancellationToken.None);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A browser or server that is still closing may hold a file a moment longer; the temp folder goes anyway.
        }
    }
}
