using System.Diagnostics;
using System.Globalization;
using EdcKg.Core.Domain;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using TestModels;

namespace EdcKg.Bench;

/// <summary>
/// <c>--update</c> against a full rebuild, side by side: a run of N documents (default 1,000) with a target schema,
/// one document changed, then the update of the finished run and a fresh run of the new corpus, each counted in
/// model calls (the cost on a real model) and seconds (on an instant scripted model: our own work alone).
/// </summary>
internal static class UpdateBench
{
    public static async Task RunAsync(string[] args)
    {
        var documents = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000;
        var root = RepositoryPaths.Root;
        var prompts = EdcPrompts.Load(new PromptSources(Path.Combine(root, "prompts", "templates"), Path.Combine(root, "prompts", "few_shot")), refinement: false);
        var schema = Enumerable.Range(0, 50).Select(i => new SchemaRelation($"relation{i}", $"The subject entity has relation{i} with the object entity, kind {i % 13}.", RelationOrigin.Target)).ToList();
        var models = new Dictionary<ModelRole, string> { [ModelRole.OpenExtraction] = "scripted", [ModelRole.SchemaDefinition] = "scripted", [ModelRole.SchemaCanonicalization] = "scripted", [ModelRole.CanonicalizationEmbedder] = "hashing-384" };
        List<Document> Corpus(int changed) => Enumerable.Range(0, documents)
            .Select(i => new Document(i, $"doc{i}.txt", $"Person{i} relation{i % 50} Company{i % 97}. Company{i % 97} relation{(i * 7) % 50} City{(i == changed ? 1000 + i : i) % 31}."))
            .ToList();

        var folder = Directory.CreateTempSubdirectory("edckg-bench-update-");
        try
        {
            // An instant model measures our own work; one that takes 20 ms an answer (16 in flight) shows what calls cost.
            foreach (var latency in new[] { TimeSpan.Zero, TimeSpan.FromMilliseconds(20) })
            {
                var scenario = Path.Combine(folder.FullName, latency.TotalMilliseconds.ToString(CultureInfo.InvariantCulture));
                var updated = Path.Combine(scenario, "updated");
                var first = await RunAsync(Corpus(-1), updated, schema, prompts, models, update: false, latency);
                var update = await RunAsync(Corpus(documents / 2), updated, schema, prompts, models, update: true, latency);
                var rebuild = await RunAsync(Corpus(documents / 2), Path.Combine(scenario, "rebuild"), schema, prompts, models, update: false, latency);
                Console.WriteLine($"update of 1 changed document in a {documents}-document run (target schema, scripted model answering in {latency.TotalMilliseconds} ms, 16 in flight, {Environment.ProcessorCount} cores):");
                Console.WriteLine($"  first run      {first.Calls,7} model calls  {first.Seconds,7:F2} s");
                Console.WriteLine($"  --update       {update.Calls,7} model calls  {update.Seconds,7:F2} s");
                Console.WriteLine($"  full rebuild   {rebuild.Calls,7} model calls  {rebuild.Seconds,7:F2} s");
                Console.WriteLine($"  update / rebuild: {(double)update.Calls / rebuild.Calls:P2} of the calls, {update.Seconds / rebuild.Seconds:P1} of the time");
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(int Calls, double Seconds)> RunAsync(
        List<Document> corpus, string output, List<SchemaRelation> schema, EdcPrompts prompts, Dictionary<ModelRole, string> models, bool update, TimeSpan latency)
    {
        var chat = new ScriptedChatClient { Delay = latency };
        var embedder = new HashingEmbeddingGenerator(384);
        var settings = new EdcSettings { Parallelism = 16 };
        var clock = Stopwatch.StartNew();
        await using (var store = RunStore.Open(output))
        {
            var pipeline = new EdcPipeline(new EdcBackends(chat, chat, chat, embedder), prompts, settings, store, models) { Update = update };
            await pipeline.RunAsync(corpus, schema, RunManifest.Create(corpus, schema, prompts, settings, models), output, CancellationToken.None);
        }

        return (chat.Calls, clock.Elapsed.TotalSeconds);
    }
}
