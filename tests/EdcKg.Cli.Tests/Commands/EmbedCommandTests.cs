using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdcKg.Cli.Commands;
using EdcKg.Onnx;
using TestModels.Onnx;

namespace EdcKg.Cli.Tests.Commands;

public sealed class EmbedCommandTests : IDisposable
{
    private readonly string model = TinyEncoderFolder.Write(
        Path.Combine(Path.GetTempPath(), "edckg-cli-embed-" + Guid.NewGuid().ToString("N")),
        new TinyEncoderSpec { Prompts = new Dictionary<string, string> { ["query"] = "query: " } });

    public void Dispose() => Directory.Delete(model, recursive: true);

    [Fact]
    public async Task PrintsOneUnitVectorPerInputLine()
    {
        var (exit, output, _) = await RunAsync("Paris is the capital of France\nborn in\n\nmember of team\n", "embed", "--model", model);

        Assert.Equal(ExitCodes.Success, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        foreach (var line in lines)
        {
            var vector = line.Split(' ').Select(x => float.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(32, vector.Length);
            Assert.Equal(1f, System.Numerics.Tensors.TensorPrimitives.Norm(vector), 4);
        }
    }

    [Fact]
    public async Task ABertGgufEmbedsThroughTheLlamaRuntimeLikeTheCataloguesEmbedder()
    {
        var gguf = Path.Combine(model, "tiny-bert.gguf");
        TestModels.TinyBertGguf.Write(gguf);

        var (exit, output, error) = await RunAsync("the capital of the country\nborn in\n", "embed", "--model", gguf, "--json");

        Assert.True(exit == ExitCodes.Success, error);
        var vectors = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<float[]>(l)!).ToArray();
        Assert.Equal(2, vectors.Length);
        Assert.All(vectors, v => Assert.Equal(32, v.Length));
        Assert.All(vectors, v => Assert.Equal(1f, System.Numerics.Tensors.TensorPrimitives.Norm(v), 4));
        Assert.NotEqual(vectors[0], vectors[1]);

        // The prompt options reach a GGUF embedder too: a query with its prefix is the prefixed text as a passage.
        var (_, query, _) = await RunAsync("born in\n", "embed", "--model", gguf, "--json", "--query", "--query-prefix", "query: ");
        var (_, prefixed, _) = await RunAsync("query: born in\n", "embed", "--model", gguf, "--json");
        Assert.Equal(prefixed, query);
    }

    [Fact]
    public async Task JsonOutputEqualsTheEmbeddersVectors()
    {
        using var embedder = OnnxSentenceEmbedder.Open(model);
        var expected = await embedder.GenerateAsync(["born in", "author of the book"]);

        var (exit, output, _) = await RunAsync("born in\nauthor of the book\n", "embed", "--model", model, "--json");

        Assert.Equal(ExitCodes.Success, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(expected[i].Vector.ToArray(), JsonSerializer.Deserialize<float[]>(lines[i]));
        }
    }

    [Fact]
    public async Task QueryEmbedsWithTheModelsQueryPromptAndPassageWithTheGivenPrefix()
    {
        using var embedder = OnnxSentenceEmbedder.Open(model);
        var expected = await embedder.GenerateAsync(["query: born in", "passage: born in"]);

        var (_, asQuery, _) = await RunAsync("born in\n", "embed", "--model", model, "--query", "--json");
        var (_, asPassage, _) = await RunAsync("born in\n", "embed", "--model", model, "--passage", "--passage-prefix", "passage: ", "--json");

        Assert.Equal(expected[0].Vector.ToArray(), JsonSerializer.Deserialize<float[]>(asQuery.Trim()));
        Assert.Equal(expected[1].Vector.ToArray(), JsonSerializer.Deserialize<float[]>(asPassage.Trim()));
    }

    [Fact]
    public async Task AMissingModelIsBadInputNamingTheOptionAndPath()
    {
        var missing = Path.Combine(model, "no-such-model");

        var (exit, output, error) = await RunAsync("born in\n", "embed", "--model", missing);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Empty(output);
        Assert.Contains("--model", error);
        Assert.Contains(missing, error);
    }

    [Fact]
    public async Task QueryAndPassageTogetherAreRefused()
    {
        var (exit, _, error) = await RunAsync("born in\n", "embed", "--model", model, "--query", "--passage");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("--query and --passage", error);
    }

    [Fact]
    public void TheCommandIsRegisteredAndRequiresAModel()
    {
        var root = Program.BuildRootCommand();

        Assert.Contains(root.Subcommands, c => c.Name == "embed");
        var parse = root.Parse(["embed"]);
        Assert.Contains(parse.Errors, e => e.Message.Contains("--model"));
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string stdin, params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(EmbedCommand.Create(() => new StringReader(stdin)));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
