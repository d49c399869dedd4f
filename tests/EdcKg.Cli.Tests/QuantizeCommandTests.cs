using EdcKg.Cli;
using EdcKg.Core.Prompts;
using Microsoft.Extensions.AI;
using EdcKg.LlamaCpp;
using TestModels;

namespace EdcKg.Cli.Tests;

public sealed class QuantizeCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("edckg-quantize-").FullName;

    [Theory]
    [InlineData("Q8_0")]
    [InlineData("Q4_0")]
    public async Task QuantizesTheTinyModelIntoASmallerFileThatLoads(string type)
    {
        var input = Path.Combine(folder, "tiny-f32.gguf");
        var output = Path.Combine(folder, $"tiny-{type}.gguf");
        TinyLlamaGguf.Write(input);
        var (code, text) = await Invoke("quantize", input, output, "--type", type);

        Assert.True(code == ExitCodes.Success, text);
        Assert.Contains($"({type},", text);
        Assert.True(new FileInfo(output).Length < new FileInfo(input).Length / 2);
        Assert.False(File.Exists(output + ".partial"));
        using var model = LlamaModel.Load(output);
        Assert.Equal(64, model.EmbeddingSize);
        using var client = new LlamaChatClient(model, new() { Threads = 1, MaxParallelSequences = 2, ContextSize = 1024, GrammarLimits = new() { MaxItems = 2, MaxStringLength = 6 } });
        var answer = await client.GetResponseAsync(
            [new(ChatRole.User, "Text: Trane is based in Swords, Dublin.")],
            new() { MaxOutputTokens = 200, AdditionalProperties = new() { [ChatOptionKeys.OutputShape] = new TripleListShape() } });
        Assert.Equal(ChatFinishReason.Stop, answer.FinishReason);
        Assert.StartsWith("[", answer.Text);
        Assert.EndsWith("]", answer.Text);
    }

    [Fact]
    public async Task UnknownTypeIsRejectedNamingTheOption()
    {
        var input = Path.Combine(folder, "tiny.gguf");
        TinyLlamaGguf.Write(input);
        var (code, text) = await Invoke("quantize", input, Path.Combine(folder, "out.gguf"), "--type", "Q9_X");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--type", text);
        Assert.Contains("Q4_K_M", text);
        Assert.False(File.Exists(Path.Combine(folder, "out.gguf")));
    }

    [Fact]
    public async Task CorruptInputFailsAndWritesNothing()
    {
        var input = Path.Combine(folder, "corrupt.gguf");
        TinyLlamaGguf.Write(input);
        var bytes = File.ReadAllBytes(input);
        File.WriteAllBytes(input, bytes[..(bytes.Length / 3)]);
        var output = Path.Combine(folder, "out.gguf");
        var (code, text) = await Invoke("quantize", input, output, "--type", "Q8_0");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("corrupt.gguf", text);
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ".partial"));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static async Task<(int Code, string Text)> Invoke(params string[] args)
    {
        using var writer = new StringWriter();
        var code = await Program.RunAsync(args, new() { Output = writer, Error = writer });
        return (code, writer.ToString());
    }
}
