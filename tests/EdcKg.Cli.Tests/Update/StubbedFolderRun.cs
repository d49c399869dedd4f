using TestModels;

namespace EdcKg.Cli.Tests.Update;

/// <summary>A corpus folder and its run folder, run through <c>edckg run</c> on the OpenAI-compatible stub, for the update tests.</summary>
internal sealed class StubbedFolderRun : IAsyncDisposable
{
    private readonly TempFolder root = new();
    private readonly string[] options;

    public StubbedFolderRun(params string[] options)
    {
        this.options = options;
        Corpus = root.Combine("corpus");
        Output = root.Combine("out");
        Directory.CreateDirectory(Corpus);
    }

    public string Corpus { get; }

    public string Output { get; }

    public OpenAiStub Stub { get; } = new();

    /// <summary>Writes (or rewrites) the document <paramref name="name"/> of the corpus.</summary>
    public void Write(string name, string text) => File.WriteAllText(Path.Combine(Corpus, name), text);

    public void Delete(string name) => File.Delete(Path.Combine(Corpus, name));

    /// <summary>Runs the command over the folder with the options given at creation and <paramref name="extra"/>.</summary>
    public Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] extra) => CliRunner.InvokeAsync(
        ["run", "--input-text-file-path", Corpus, "--oie-llm", "scripted-llm", "--sc-embedder", "hashing-embedder", "--output-dir", Output, "--llm-endpoint", Stub.Endpoints.First(), .. options, .. extra]);

    public async ValueTask DisposeAsync()
    {
        await Stub.DisposeAsync();
        root.Dispose();
    }
}
