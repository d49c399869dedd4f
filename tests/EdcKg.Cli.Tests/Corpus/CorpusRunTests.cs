using System.Text.Json;
using EdcKg.Core.Storage;
using TestModels;
using TestModels.Onnx;

namespace EdcKg.Cli.Tests.Corpus;

/// <summary>
/// A folder of real-world formats run end to end: every readable document is in documents.jsonl, the long one is cut
/// into several chunks, every span holds its entity's text, and the unreadable files are reported and skipped.
/// </summary>
public sealed class CorpusRunTests
{
    [Fact]
    public async Task Folder_OnTheTinyLocalModelWithASmallContext_IsChunkedAndSkipsTheUnreadableFiles()
    {
        var root = CliRunner.TempDirectory();
        try
        {
            var corpus = CorpusFolder.Write(root, sentences: 60);
            var model = Path.Combine(root, "tiny.gguf");
            TinyLlamaGguf.Write(model);
            var encoder = TinyEncoderFolder.Write(Path.Combine(root, "encoder"));
            var output = Path.Combine(root, "out");

            var (code, stdout, error) = await CliRunner.InvokeAsync(
                "run", "--input-text-file-path", corpus, "--oie-llm", model, "--sc-embedder", encoder, "--output-dir", output,
                "--threads", "1", "--context-size", "3584", "--parallelism", "8");

            Assert.True(code == ExitCodes.DocumentsFailed, $"exit {code}: {error}");
            AssertSkippedReported(error);
            var documents = Documents(output);
            Assert.Equal(CorpusFolder.Readable, documents.Select(d => d.Id));
            await using var store = RunStore.OpenExisting(output);
            var chunks = await store.LoadChunksAsync(await store.LoadDocumentsAsync());
            Assert.True(chunks.Count(c => c.DocumentId == "long.txt") > 1, stdout);
            Assert.All(CorpusFolder.Readable.Skip(1), id => Assert.Single(chunks, c => c.DocumentId == id));
            AssertSpansHoldTheirEntities(output, documents);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Folder_OnAScriptedModelAnsweringFromTheChunk_TiesEveryTripleToItsChunkAndSpans()
    {
        var root = CliRunner.TempDirectory();
        try
        {
            var corpus = CorpusFolder.Write(root, sentences: 40);
            var output = Path.Combine(root, "out");
            await using var stub = new OpenAiStub();

            var (code, _, error) = await CliRunner.InvokeAsync(
                "run", "--input-text-file-path", corpus, "--oie-llm", "scripted-llm", "--sc-embedder", "hashing-embedder", "--output-dir", output,
                "--llm-endpoint", stub.Endpoints.First(), "--chunk-max-tokens", "40", "--chunk-overlap-sentences", "1");

            Assert.True(code == ExitCodes.DocumentsFailed, $"exit {code}: {error}");
            AssertSkippedReported(error);
            var documents = Documents(output);
            Assert.Equal(CorpusFolder.Readable, documents.Select(d => d.Id));
            Assert.Equal("Curie discovered Polonium. Curie won the Nobel_Prize.", documents.Single(d => d.Id == "web/page.html").Text);
            Assert.Equal("Shepard flew on Apollo 14. Shepard walked on the Moon.", documents.Single(d => d.Id == "notes/note.md").Text);
            Assert.Equal("Darwin sailed on Beagle.", documents.Single(d => d.Id == "paper.pdf").Text);

            var triples = Triples(output);
            // Every sentence of the long text gave its triple, read from a chunk that holds it; overlap reads some twice.
            var longTriples = triples.Where(t => t.GetProperty("documentId").GetString() == "long.txt").ToList();
            Assert.Equal(40, longTriples.Count);
            Assert.True(longTriples.Select(t => t.GetProperty("chunk").GetProperty("index").GetInt32()).Distinct().Count() > 3);
            Assert.Contains(longTriples, t => t.GetProperty("occurrences").GetArrayLength() == 2);
            Assert.Contains(triples, t => t.GetProperty("subject").GetString() == "Curie" && t.GetProperty("object").GetString() == "the Nobel_Prize");
            Assert.All(triples, t => Assert.NotEqual(JsonValueKind.Null, t.GetProperty("subjectSpan").ValueKind));
            Assert.All(triples, t => Assert.NotEqual(JsonValueKind.Null, t.GetProperty("objectSpan").ValueKind));
            AssertSpansHoldTheirEntities(output, documents);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task ChunkRejectedByTheServer_FailsAloneAndIsTheOnlyOneAskedAgainOnTheNextRun()
    {
        var root = CliRunner.TempDirectory();
        try
        {
            var corpus = CorpusFolder.Write(root, sentences: 40);
            var output = Path.Combine(root, "out");
            // A target schema: with a growing one, canonicalization goes in corpus order and waits for the failed chunk.
            var schema = Path.Combine(root, "schema.csv");
            File.WriteAllText(schema, "knows,The subject knows the object.\n");
            await using var stub = new OpenAiStub();
            string[] args =
            [
                "run", "--input-text-file-path", corpus, "--target-schema-path", schema, "--oie-llm", "scripted-llm", "--sc-embedder", "hashing-embedder", "--output-dir", output,
                "--llm-endpoint", stub.Endpoints.First(), "--chunk-max-tokens", "40", "--chunk-overlap-sentences", "0", "--max-retries", "0",
            ];
            const string marker = "Person20 knows Person21.";
            stub.FailAlways(marker, new StubFault.ServerError(400));

            var (code, _, error) = await CliRunner.InvokeAsync(args);

            Assert.True(code == ExitCodes.DocumentsFailed, error);
            Assert.True(error.Contains("1 of 4 documents are unfinished", StringComparison.Ordinal), error);
            Assert.Matches(@"long\.txt \(position 0\) chunk \d+, oie of iteration 0: .*HTTP 400", error);
            await using (var store = RunStore.OpenExisting(output))
            {
                var failure = Assert.Single(await store.LoadFailuresAsync());
                var chunks = await store.LoadChunksAsync(await store.LoadDocumentsAsync());
                Assert.Contains(marker, chunks.Single(c => c.DocumentIndex == 0 && c.Index == failure.ChunkIndex).Text);
            }

            stub.Heal(marker);
            var before = stub.Log.Count;
            var (again, _, againError) = await CliRunner.InvokeAsync(args);

            Assert.True(again == ExitCodes.DocumentsFailed, againError);
            Assert.DoesNotContain("unfinished", againError);
            // Only the failed chunk's extraction is asked again; every other chunk's output came from the store.
            Assert.Single(stub.Log.Skip(before), e => e.Key.StartsWith("TripleListShape|", StringComparison.Ordinal));
            Assert.Equal(40, Triples(output).Count(t => t.GetProperty("documentId").GetString() == "long.txt"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void AssertSkippedReported(string error)
    {
        Assert.Contains("2 input files skipped", error);
        Assert.Contains("broken.pdf: not a readable PDF", error);
        Assert.Contains("image.bin: unsupported format (.bin", error);
    }

    private static List<(string Id, string Source, string Text)> Documents(string output)
        => File.ReadAllLines(Path.Combine(output, "documents.jsonl")).Select(l =>
        {
            using var json = JsonDocument.Parse(l);
            var root = json.RootElement;
            return (root.GetProperty("id").GetString()!, root.GetProperty("source").GetString()!, root.GetProperty("text").GetString()!);
        }).ToList();

    private static List<JsonElement> Triples(string output)
        => File.ReadAllLines(Path.Combine(output, "iter0", "triples.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    // Python's text[start:end] over code points: every span of every occurrence names its entity (case, white space
    // and underscores aside) inside its chunk's range.
    private static void AssertSpansHoldTheirEntities(string output, List<(string Id, string Source, string Text)> documents)
    {
        static string Normal(string s) => string.Join(' ', s.Replace('_', ' ').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        var texts = documents.ToDictionary(d => d.Id, d => d.Text.EnumerateRunes().Select(r => r.ToString()).ToArray());
        foreach (var triple in Triples(output))
        {
            var text = texts[triple.GetProperty("documentId").GetString()!];
            foreach (var occurrence in triple.GetProperty("occurrences").EnumerateArray())
            {
                var chunk = occurrence.GetProperty("chunk");
                var (start, end) = (chunk.GetProperty("start").GetInt32(), chunk.GetProperty("end").GetInt32());
                foreach (var (name, span) in new[] { ("subject", "subjectSpan"), ("object", "objectSpan") })
                {
                    if (occurrence.GetProperty(span) is { ValueKind: JsonValueKind.Array } found)
                    {
                        var (s, e) = (found[0].GetInt32(), found[1].GetInt32());
                        Assert.InRange(s, start, end);
                        Assert.InRange(e, s, end);
                        Assert.Equal(Normal(triple.GetProperty(name).GetString()!), Normal(string.Concat(text[s..e])));
                    }
                }
            }
        }
    }
}
