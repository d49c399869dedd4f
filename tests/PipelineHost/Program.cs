using EdcKg.Core.Inputs;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using TestModels;

// A child process for resume tests: runs the pipeline on the scripted test backend with a delay per call, so that a
// test can kill it with SIGKILL in the middle of a stage and run it again.
// Arguments: corpus schema-or-dash output-dir prompts-dir delay-ms refinement-iterations [freeze-at]
// With freeze-at ("advance STAGE ITERATION COUNT"), every worker stops for good once that line is printed, so a test
// that kills the process on that line knows the stage is unfinished.
var corpus = CorpusReader.Read(args[0]);
var schema = args[1] == "-" ? [] : SchemaCsvReader.Read(args[1]);
var output = args[2];
var promptsDir = args[3];
var delay = TimeSpan.FromMilliseconds(int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture));
var iterations = int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture);

var chat = new ScriptedChatClient { Delay = delay };
var embedder = new HashingEmbeddingGenerator();
var backends = new EdcBackends(chat, chat, chat, embedder, chat, embedder);
var prompts = EdcPrompts.Load(new PromptSources(Path.Combine(promptsDir, "templates"), Path.Combine(promptsDir, "few_shot")), iterations > 0);
var settings = new EdcSettings { RefinementIterations = iterations, Parallelism = 4 };
var models = new Dictionary<ModelRole, string> { [ModelRole.OpenExtraction] = "scripted", [ModelRole.SchemaDefinition] = "scripted", [ModelRole.SchemaCanonicalization] = "scripted", [ModelRole.EntityExtraction] = "scripted", [ModelRole.CanonicalizationEmbedder] = "hashing-64", [ModelRole.SchemaRetrieverEmbedder] = "hashing-64" };
await using var store = RunStore.Open(output);
var manifest = RunManifest.Create(corpus, schema, prompts, settings, models);
var pipeline = new EdcPipeline(backends, prompts, settings, store, models, new LineProgress(args.Length > 6 ? args[6] : null));
var summary = await pipeline.RunAsync(corpus, schema, manifest, output, CancellationToken.None);
Console.WriteLine($"done {summary.Documents} {summary.CanonicalTriples} calls={chat.Calls}");

/// <summary>Prints one line per finished document ("advance stage iteration count"), so a test knows where the run is.</summary>
internal sealed class LineProgress(string? freezeAt) : IRunProgress
{
    private readonly string? freezeAt = freezeAt;
    private volatile bool frozen;

    public IStageProgress BeginStage(string stage, int iteration, int total, int alreadyDone) => new Stage(this, stage, iteration, alreadyDone);

    private sealed class Stage(LineProgress owner, string stage, int iteration, int done) : IStageProgress
    {
        private int done = done;

        public void Advance()
        {
            var count = Interlocked.Increment(ref done);
            var line = $"advance {stage} {iteration} {count}";
            lock (Console.Out)
            {
                if (!owner.frozen)
                {
                    Console.Out.WriteLine(line);
                    Console.Out.Flush();
                    owner.frozen = line == owner.freezeAt;
                }
            }

            if (owner.frozen)
            {
                Thread.Sleep(Timeout.Infinite);
            }
        }

        public void Dispose()
        {
        }
    }
}
