using TestModels.Onnx;

namespace EdcKg.Onnx.Tests;

/// <summary>A tiny encoder written to a fresh temporary folder, deleted afterwards.</summary>
public sealed class TinyModelFolder : IDisposable
{
    public TinyModelFolder()
        : this(new TinyEncoderSpec())
    {
    }

    private TinyModelFolder(TinyEncoderSpec spec)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "edckg-onnx-" + Guid.NewGuid().ToString("N"));
        TinyEncoderFolder.Write(Path, spec);
    }

    public string Path { get; }

    /// <summary>A folder with a model other than the default one.</summary>
    public static TinyModelFolder With(TinyEncoderSpec spec) => new(spec);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
