using System.Diagnostics;
using System.Globalization;
using System.Text;
using EdcKg.Core.Chunking;
using EdcKg.Core.Inputs;
using EdcKg.Core.Pipeline;
using EdcKg.Core.Prompts;
using EdcKg.Core.Storage;
using EdcKg.LlamaCpp;

namespace EdcKg.Benchmarks;

/// <summary>
/// The whole pipeline over a generated folder of long documents (reading, chunking, open extraction, schema definition
/// and canonicalization), at each corpus size in turn in one process: documents/s, chunks/s and the peak resident
/// memory after each size. Memory that stays flat as the corpus grows is the point: the corpus is read and chunked
/// whole, but the models, caches and batches do not grow with it.
/// </summary>
public sealed class CorpusBenchmark(CorpusBenchmarkSettings settings)
{
    private static readonly string[] Names = ["Ada Lovelace", "Charles Babbage", "Marie Curie", "Pierre Curie", "Alan Turing", "Grace Hopper", "Niels Bohr", "Lise Meitner"];
    private static readonly string[] Places = ["London", "Paris", "Warsaw", "Copenhagen", "Vienna", "Cambridge", "Berlin", "Zurich"];

    /// <summary>Runs every corpus size in turn, writing a line per size to <paramref name="output"/>; returns the figures by name.</summary>
    public async Task<IReadOnlyDictionary<string, double>> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        using var chat = LlamaChatClient.Open(settings.ModelPath, new LlamaChatClientOptions
        {
            ContextSize = settings.ContextSize,
            MaxParallelSequences = settings.Parallelism,
            Threads = settings.Threads,
        });
        var embedder = settings.Embedder;
        var prompts = EdcPrompts.Load(settings.Prompts, refinement: false);
        var edc = new EdcSettings
        {
            Parallelism = settings.Parallelism,
            OpenExtractionMaxTokens = settings.MaxOutputTokens,
            SchemaDefinitionMaxTokens = settings.MaxOutputTokens,
            Chunking = new ChunkingOptions { MaxChunkTokens = settings.ChunkTokens },
        };
        var backends = new EdcBackends(chat, chat, chat, embedder);
        foreach (var size in settings.Sizes)
        {
            var folder = Path.Combine(Path.GetTempPath(), "edckg-bench-corpus", Guid.NewGuid().ToString("N"));
            try
            {
                var corpusFolder = WriteCorpus(Path.Combine(folder, "corpus"), size);
                var clock = Stopwatch.StartNew();
                // Processor time as well as wall time: on a shared machine the first says what the work costs.
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var corpus = CorpusReader.ReadCorpus(corpusFolder).Documents;
                var outputDirectory = Path.Combine(folder, "out");
                var manifest = RunManifest.Create(corpus, [], prompts, edc, new Dictionary<ModelRole, string>());
                RunSummary summary;
                await using (var store = RunStore.Open(outputDirectory))
                {
                    var pipeline = new EdcPipeline(backends, prompts, edc, store, new Dictionary<ModelRole, string>());
                    summary = await pipeline.RunAsync(corpus, [], manifest, outputDirectory, cancellationToken).ConfigureAwait(false);
                }

                var seconds = clock.Elapsed.TotalSeconds;
                var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
                var peak = PeakMemory.ResidentMegabytes();
                var label = size.ToString(CultureInfo.InvariantCulture);
                figures[$"docs_per_s_{label}"] = size / seconds;
                figures[$"chunks_per_s_{label}"] = summary.Chunks / seconds;
                figures[$"chunks_{label}"] = summary.Chunks;
                figures[$"seconds_{label}"] = seconds;
                figures[$"cpu_seconds_{label}"] = cpu;
                figures[$"peak_rss_mb_{label}"] = peak;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{size} documents ({summary.Chunks} chunks, {summary.CanonicalTriples} triples): {seconds:0.0} s ({cpu:0.0} s of processor time), {size / seconds:0.00} documents/s, {summary.Chunks / seconds:0.0} chunks/s, peak RSS {peak:0} MB"));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        if (settings.Sizes.Count >= 2)
        {
            var (small, large) = (settings.Sizes[0].ToString(CultureInfo.InvariantCulture), settings.Sizes[^1].ToString(CultureInfo.InvariantCulture));
            figures["peak_rss_ratio"] = figures[$"peak_rss_mb_{large}"] / figures[$"peak_rss_mb_{small}"];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak memory {large} vs {small} documents: {figures["peak_rss_ratio"]:0.00}x"));
        }

        return figures;
    }

    /// <summary>A folder of <paramref name="count"/> text files, each of <see cref="CorpusBenchmarkSettings.Paragraphs"/> paragraphs.</summary>
    private string WriteCorpus(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        for (var d = 0; d < count; d++)
        {
            var text = new StringBuilder();
            for (var p = 0; p < settings.Paragraphs; p++)
            {
                for (var s = 0; s < 5; s++)
                {
                    var i = (d * 31) + (p * 7) + s;
                    text.Append(CultureInfo.InvariantCulture, $"{Names[i % Names.Length]} met {Names[(i + 3) % Names.Length]} in {Places[i % Places.Length]} in {1850 + (i % 150)}. ");
                }

                text.Append("\n\n");
            }

            File.WriteAllText(Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"doc{d:D5}.txt")), text.ToString());
        }

        return folder;
    }
}
