using System.Diagnostics;
using System.Globalization;
using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using TestModels;

namespace EdcKg.Bench;

/// <summary>
/// The orchestration overhead of the pipeline: documents per second through open extraction, schema definition
/// and target alignment against a 200-relation schema, with an instant scripted backend and a hashing embedder, so
/// that only our own work (prompts, parsing, retrieval, the run store, resumability) is measured.
/// </summary>
internal static class PipelineOverheadBench
{
    public static async Task RunAsync(string[] args)
    {
        var documents = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var root = FindRoot();
        var prompts = EdcPrompts.Load(new PromptSources(Path.Combine(root, "prompts", "templates"), Path.Combine(root, "prompts", "few_shot")), refinement: false);
        var corpus = Enumerable.Range(0, documents)
            .Select(i => new Document(i, i.ToString(CultureInfo.InvariantCulture), $"Person{i} relation{i % 250} Company{i % 97}. Company{i % 97} relation{(i * 7) % 250} City{i % 31}."))
            .ToList();
        var schema = Enumerable.Range(0, 200).Select(i => new SchemaRelation($"relation{i}", $"The subject entity has relation{i} with the object entity, kind {i % 13}.", RelationOrigin.Target)).ToList();
        var models = new Dictionary<ModelRole, string> { [ModelRole.OpenExtraction] = "scripted", [ModelRole.SchemaDefinition] = "scripted", [ModelRole.SchemaCanonicalization] = "scripted", [ModelRole.CanonicalizationEmbedder] = "hashing-384" };

        Console.WriteLine($"pipeline overhead: {documents} documents, 2 triples each, instant backend, {Environment.ProcessorCount} cores");
        foreach (var (label, targetSchema) in new[] { ("200-relation target schema", schema), ("no target schema (self-canonicalization)", new List<SchemaRelation>()) })
        {
            Console.WriteLine(label + ":");
            await RunScenarioAsync(documents, prompts, corpus, targetSchema, models);
        }
    }

    private static async Task RunScenarioAsync(int documents, EdcPrompts prompts, List<Document> corpus, List<SchemaRelation> schema, Dictionary<ModelRole, string> models)
    {
        foreach (var parallelism in new[] { 1, 64 })
        {
            var output = Path.Combine(Path.GetTempPath(), "edckg-bench", Guid.NewGuid().ToString("N"));
            var settings = new EdcSettings { Parallelism = parallelism };
            var chat = new ScriptedChatClient();
            var embedder = new HashingEmbeddingGenerator(384);
            var clock = Stopwatch.StartNew();
            await using (var store = RunStore.Open(output))
            {
                var pipeline = new EdcPipeline(new EdcBackends(chat, chat, chat, embedder), prompts, settings, store, models);
                var summary = await pipeline.RunAsync(corpus, schema, RunManifest.Create(corpus, schema, prompts, settings, models), output, CancellationToken.None);
                clock.Stop();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  parallelism {parallelism,3}: {documents / clock.Elapsed.TotalSeconds,9:F0} documents/s ({clock.Elapsed.TotalSeconds:F2} s, {chat.Calls} LLM calls, {summary.CanonicalTriples} canonical triples)"));
            }

            // A second run of the same command over the finished store: what a resume costs when nothing is left to do.
            clock.Restart();
            await using (var store = RunStore.Open(output))
            {
                var again = new ScriptedChatClient();
                var pipeline = new EdcPipeline(new EdcBackends(again, again, again, embedder), prompts, settings, store, models);
                await pipeline.RunAsync(corpus, schema, RunManifest.Create(corpus, schema, prompts, settings, models), output, CancellationToken.None);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  parallelism {parallelism,3}, re-run of a finished store: {documents / clock.Elapsed.TotalSeconds,9:F0} documents/s ({again.Calls} LLM calls)"));
            }

            Directory.Delete(output, recursive: true);
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EdcKg.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
    }
}
