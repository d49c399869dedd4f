using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace EdcKg.LlamaCpp;

/// <summary>
/// The local backends of one run: a GGUF named by several stages (--oie-llm, --sd-llm, --sc-llm, --ee-llm, or an
/// embedder) is loaded once and its chat client shared, so the stages also share its prefix cache and batches.
/// Thread-safe. Models load from the llama.cpp build of <see cref="LlamaModelOptions.LibraryFolder"/> in
/// <paramref name="modelOptions"/> (the <c>--llama-lib</c> option).
/// </summary>
public sealed class LlamaBackends(
    LlamaChatClientOptions? chatOptions = null,
    LlamaEmbeddingOptions? embeddingOptions = null,
    LlamaModelOptions? modelOptions = null,
    ILogger? logger = null) : IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, LlamaModel> models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LlamaChatClient> chatClients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LlamaEmbeddingGenerator> embeddingGenerators = new(StringComparer.Ordinal);
    private bool disposed;

    /// <summary>
    /// Whether <paramref name="value"/> (a model option's value) names a local GGUF file rather than a remote model: an
    /// existing file by its magic bytes, a path that does not exist (yet) by its <c>.gguf</c> extension.
    /// </summary>
    public static bool IsLocalModel(string value) =>
        File.Exists(value) ? IsGguf(value) : value.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the file at <paramref name="path"/> exists and starts with the GGUF magic bytes, whatever its name.</summary>
    public static bool IsGguf(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        Span<byte> magic = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.SequenceEqual("GGUF"u8);
    }

    /// <summary>The chat client of the GGUF at <paramref name="path"/>, loading the model on first use.</summary>
    public IChatClient ChatClient(string path)
    {
        lock (gate)
        {
            var key = Key(path);
            if (!chatClients.TryGetValue(key, out var client))
            {
                client = new LlamaChatClient(Model(key, chatOptions?.GpuLayers ?? 0), chatOptions);
                chatClients[key] = client;
            }

            return client;
        }
    }

    /// <summary>The embedding generator of the GGUF at <paramref name="path"/>, loading the model on first use.</summary>
    public IEmbeddingGenerator<string, Embedding<float>> EmbeddingGenerator(string path)
    {
        lock (gate)
        {
            var key = Key(path);
            if (!embeddingGenerators.TryGetValue(key, out var generator))
            {
                generator = new LlamaEmbeddingGenerator(Model(key, 0), embeddingOptions, logger);
                embeddingGenerators[key] = generator;
            }

            return generator;
        }
    }

    /// <summary>Frees every context, then every model.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            foreach (var client in chatClients.Values)
            {
                client.Dispose();
            }

            foreach (var generator in embeddingGenerators.Values)
            {
                generator.Dispose();
            }

            foreach (var model in models.Values)
            {
                model.Dispose();
            }
        }
    }

    private string Key(string path)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return Path.GetFullPath(path);
    }

    private LlamaModel Model(string key, int gpuLayers)
    {
        if (!models.TryGetValue(key, out var model))
        {
            model = LlamaModel.Load(key, (modelOptions ?? new LlamaModelOptions()) with { GpuLayers = gpuLayers });
            models[key] = model;
        }

        return model;
    }
}
