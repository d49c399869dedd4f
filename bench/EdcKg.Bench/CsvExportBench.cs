using System.Diagnostics;
using EdcKg.Core.Domain;
using EdcKg.Neo4j.Export;

namespace EdcKg.Bench;

/// <summary>
/// Rows per second of the neo4j-admin CSV export over lazily generated synthetic triples, and the peak managed heap
/// while it runs, at two sizes side by side: a streaming export keeps the heap flat as the triple count grows.
/// Usage: csv-export [triples=1000000] [entities=50000]
/// </summary>
internal static class CsvExportBench
{
    public static async Task RunAsync(string[] args)
    {
        var large = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
        var entities = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50_000;
        var small = large / 10;
        var directory = Path.Combine(Path.GetTempPath(), "edckg-bench-csv", Guid.NewGuid().ToString("N"));
        try
        {
            await MeasureAsync(small, entities, directory); // warm-up (JIT tiering)
            var a = await MeasureAsync(small, entities, directory);
            var b = await MeasureAsync(large, entities, directory);
            Console.WriteLine($"{"triples",12} {"seconds",8} {"rows/s",12} {"peak heap MiB",14} {"relationships.csv MiB",22}");
            foreach (var m in new[] { a, b })
            {
                Console.WriteLine($"{m.Triples,12:N0} {m.Seconds,8:F2} {m.Triples / m.Seconds,12:N0} {m.PeakHeap / 1048576.0,14:F1} {m.FileBytes / 1048576.0,22:F1}");
            }

            Console.WriteLine($"ratio {large / small}x triples: time {b.Seconds / a.Seconds:F2}x, peak heap {(double)b.PeakHeap / a.PeakHeap:F2}x");
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task<(int Triples, double Seconds, long PeakHeap, long FileBytes)> MeasureAsync(int count, int entities, string directory)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var peak = GC.GetTotalMemory(false);
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                await Task.Delay(5);
            }
        });
        var clock = Stopwatch.StartNew();
        var files = await BulkImportExporter.ExportAsync("bench", [], [], Triples(count, entities), directory);
        clock.Stop();
        await stop.CancelAsync();
        await sampler;
        if (files.Relationships != count)
        {
            throw new InvalidOperationException($"expected {count} relationships, wrote {files.Relationships}");
        }

        return (count, clock.Elapsed.TotalSeconds, peak, new FileInfo(Path.Combine(directory, BulkImportExporter.RelationshipsFile)).Length);
    }

    /// <summary>Ten distinct triples per document over a fixed pool of entities and 200 relations, made on demand.</summary>
    private static IEnumerable<CanonicalTriple> Triples(int count, int entities)
    {
        for (var i = 0; i < count; i++)
        {
            var document = i / 10;
            var subject = $"Entity \"{(i * 7919L) % entities}\", of set";
            var obj = $"Entity {(i * 104729L + 17) % entities}";
            var relation = $"relation {i % 200}";
            yield return new CanonicalTriple($"doc-{document}", document, 0, new Triple(subject, relation, obj), "open " + relation, DecisionKind.Aligned, (i % 100) / 100f);
        }
    }
}
