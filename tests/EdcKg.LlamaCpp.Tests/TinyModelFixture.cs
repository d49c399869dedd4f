using EdcKg.LlamaCpp;
using TestModels;

namespace EdcKg.LlamaCpp.Tests;

/// <summary>Writes the tiny random-weight GGUF once per test run and loads it through the real binding.</summary>
public sealed class TinyModelFixture : IDisposable
{
    public TinyModelFixture()
    {
        Folder = Directory.CreateTempSubdirectory("edckg-llama-").FullName;
        ModelPath = Path.Combine(Folder, "tiny-f32.gguf");
        TinyLlamaGguf.Write(ModelPath);
        Model = LlamaModel.Load(ModelPath);
    }

    public string Folder { get; }

    public string ModelPath { get; }

    public LlamaModel Model { get; }

    public void Dispose()
    {
        Model.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
