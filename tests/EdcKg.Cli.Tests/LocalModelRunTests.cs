using System.Text.Json;
using EdcKg.Core.Parsing;
using EdcKg.Core.Storage;
using TestModels;
using TestModels.Onnx;

namespace EdcKg.Cli.Tests;

/// <summary>
/// The whole run command on real local backends: a tiny random-weight GGUF model on our llama.cpp binding (every
/// stage grammar-constrained) and a tiny ONNX sentence encoder, built by the tests.
/// </summary>
public sealed class LocalModelRunTests
{
    private static readonly string[] Corpus =
    [
        "The Millbrook Bridge crosses the Avon River.",
        "Clara Mendel was born in Graz.",
        "Leon Ash produced Quiet Harbour.",
    ];

    [Fact]
    public async Task TwoIterationsRunOnTheTinyLocalModelsAndResumeToTheSameFiles()
    {
        using var folder = CliRunner.TempDirectory();
        var model = Path.Combine(folder, "tiny.gguf");
        TinyLlamaGguf.Write(model);
        var encoder = TinyEncoderFolder.Write(Path.Combine(folder, "encoder"));
        var corpus = Path.Combine(folder, "corpus.txt");
        File.WriteAllText(corpus, string.Join('\n', Corpus));
        var schema = Path.Combine(folder, "schema.csv");
        File.WriteAllText(schema, "crosses,The subject spans the object.\nplace of birth,The subject was born in the object.\nproducer,The subject was produced by the object.\n");
        var output = Path.Combine(folder, "out");
        string[] args =
        [
            "run", "--input-text-file-path", corpus, "--target-schema-path", schema, "--enrich-schema",
            "--oie-llm", model, "--sc-embedder", encoder, "--refinement-iterations", "1",
            "--output-dir", output, "--threads", "1", "--context-size", "4096", "--parallelism", "3",
        ];

        var (code, stdout, error) = await Task.Run(() => CliRunner.RunAsync(args));
        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("3 documents", stdout);
        foreach (var iteration in new[] { "iter0", "iter1" })
        {
            var lines = File.ReadAllText(Path.Combine(output, iteration, "canon_kg.txt")).Split('\n');
            Assert.Equal(Corpus.Length, lines.Length);
            Assert.All(lines, line => Assert.Empty(TripleListParser.Parse(line).Unparsed));
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, iteration, "result_at_each_stage.json")));
            Assert.Equal(Corpus.Length, json.RootElement.GetArrayLength());
        }

        await using (var store = RunStore.OpenExisting(output))
        {
            // Every stage of both iterations has one stored output per document.
            foreach (var (iteration, stage) in new[] { (0, StageName.OpenExtraction), (0, StageName.SchemaCanonicalization), (1, StageName.RefinementHint), (1, StageName.SchemaCanonicalization) })
            {
                Assert.Equal(Corpus.Length, (await store.LoadStageResultsAsync(iteration, stage)).Count);
            }
        }

        // The same command again finds everything done and writes the same files.
        var before = File.ReadAllText(Path.Combine(output, "iter1", "result_at_each_stage.json"));
        var (again, _, againError) = await Task.Run(() => CliRunner.RunAsync(args));
        Assert.True(again == ExitCodes.Success, againError);
        Assert.Equal(before, File.ReadAllText(Path.Combine(output, "iter1", "result_at_each_stage.json")));
    }

    [Fact]
    public async Task ABertGgufEmbedderRunsWithPromptsThatBecomePartOfTheRunsIdentity()
    {
        using var folder = CliRunner.TempDirectory();
        var model = Path.Combine(folder, "tiny.gguf");
        TinyLlamaGguf.Write(model);
        var embedder = Path.Combine(folder, "tiny-bert.gguf");
        TinyBertGguf.Write(embedder);
        var corpus = Path.Combine(folder, "corpus.txt");
        File.WriteAllText(corpus, string.Join('\n', Corpus));
        var output = Path.Combine(folder, "out");
        string[] Args(string queryPrefix) =>
        [
            "run", "--input-text-file-path", corpus, "--oie-llm", model, "--sc-embedder", embedder,
            "--embedder-query-prefix", queryPrefix, "--embedder-passage-prefix", "passage: ",
            "--output-dir", output, "--threads", "1", "--context-size", "4096", "--parallelism", "3",
        ];

        var (code, _, error) = await Task.Run(() => CliRunner.RunAsync(Args("query: ")));

        Assert.True(code == ExitCodes.Success, error);
        await using (var store = RunStore.OpenExisting(output))
        {
            var manifest = await store.ReadManifestAsync();
            Assert.StartsWith("tiny-bert.gguf:", manifest["model.sc_embedder"]);
            Assert.Contains("|prompts:", manifest["model.sc_embedder"]);
            Assert.DoesNotContain("|prompts:", manifest["model.oie"]);
        }

        // Other prompts give other embeddings: the run refuses to resume with them.
        var (changed, _, changedError) = await Task.Run(() => CliRunner.RunAsync(Args("search query: ")));
        Assert.Equal(ExitCodes.BadInput, changed);
        Assert.Contains("model.sc_embedder", changedError);
    }

    [Fact]
    public async Task AnInstructionPromptWithoutItsSlotNamesTheOption()
    {
        using var temp = CliRunner.TempDirectory();
        var (code, _, error) = await CliRunner.RunAsync(
            "run", "--input-text-file-path", Path.Combine(CliRunner.SharedEdc, "datasets", "example.txt"), "--oie-llm", "m.gguf", "--sc-embedder", "e5",
            "--embedder-instruction-prompt", "Instruct: retrieve\\nQuery: ", "--output-dir", Path.Combine(temp, "o"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--embedder-instruction-prompt must contain {instruction}", error);
    }

    [Fact]
    public async Task AMissingGgufFileNamesTheOption()
    {
        using var folder = CliRunner.TempDirectory();
        var corpus = Path.Combine(folder, "corpus.txt");
        File.WriteAllText(corpus, "One line.");
        var encoder = TinyEncoderFolder.Write(Path.Combine(folder, "encoder"));
        var (code, _, error) = await CliRunner.RunAsync("run", "--input-text-file-path", corpus, "--oie-llm", Path.Combine(folder, "missing.gguf"), "--sc-embedder", encoder, "--output-dir", Path.Combine(folder, "o"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--oie-llm", error);
        Assert.Contains("missing.gguf", error);
    }
}
