using EdcKg.LlamaCpp;
using EdcKg.LlamaCpp.Native;
using Microsoft.Extensions.AI;

namespace EdcKg.Cli.Backends;

/// <summary>
/// Opens the models a command names, by what the name is: a <c>.gguf</c> file runs on the local llama.cpp runtime,
/// a folder with <c>model.onnx</c> is a sentence-transformers export for ONNX Runtime. The same name opens one
/// instance, shared by every role that names it, and everything opened is disposed with the catalog.
/// </summary>
public sealed class ModelCatalog : IAsyncDisposable
{
    private readonly Dictionary<string, IChatClient> chats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IEmbeddingGenerator<string, Embedding<float>>> embedders = new(StringComparer.Ordinal);
    private readonly List<IDisposable> opened = [];
    private readonly ModelOptions options;
    private readonly LlamaBackends local;

    /// <summary>Creates a catalog that opens models with <paramref name="options"/>.</summary>
    public ModelCatalog(ModelOptions options)
    {
        this.options = options;
        local = new LlamaBackends(
            new LlamaChatClientOptions
            {
                ContextSize = options.ContextSize,
                Threads = options.Threads > 0 ? options.Threads : null,
                GpuLayers = options.GpuLayers,
                MaxParallelSequences = Math.Max(1, options.Parallelism),
            },
            new LlamaEmbeddingOptions { Threads = options.Threads > 0 ? options.Threads : null, Prompts = options.EmbeddingPrompts });
    }

    /// <summary>The chat model named by option <paramref name="option"/>.</summary>
    public IChatClient Chat(string option, string name)
        => LlamaBackends.IsLocalModel(name)
            ? GetOrOpen(chats, name, () => OpenLocal(option, name, () => local.ChatClient(name)), owned: false)
            : GetOrOpen(chats, name, () => ModelOpeners.OpenChat(option, name, options));

    /// <summary>The embedding model named by option <paramref name="option"/>.</summary>
    public IEmbeddingGenerator<string, Embedding<float>> Embedder(string option, string name)
        => LlamaBackends.IsLocalModel(name) && options.Remote?.Serves(name) != true
            ? GetOrOpen(embedders, name, () => OpenLocal(option, name, () => local.EmbeddingGenerator(name)), owned: false)
            : GetOrOpen(embedders, name, () => ModelOpeners.OpenEmbedder(option, name, options));

    /// <summary>
    /// Opens the model of every EDC role in <paramref name="names"/> (keys oie, sd, sc, ee, sc_embedder, sr_embedder);
    /// the entity-extraction model and the schema retriever only when <paramref name="refining"/>.
    /// <paramref name="label"/> names a role's option or setting in errors.
    /// </summary>
    public EdcKg.Core.Pipeline.EdcBackends OpenBackends(IReadOnlyDictionary<string, string> names, bool refining, Func<string, string> label)
        => new(
            Chat(label("oie"), names["oie"]),
            Chat(label("sd"), names["sd"]),
            Chat(label("sc"), names["sc"]),
            Embedder(label("sc_embedder"), names["sc_embedder"]),
            refining ? Chat(label("ee"), names["ee"]) : null,
            refining ? Embedder(label("sr_embedder"), names["sr_embedder"]) : null);

    /// <summary>The identity of embedder <paramref name="name"/> used with <paramref name="prompts"/> (unchanged when none are set).</summary>
    public static string Identity(string name, EdcKg.Core.Prompts.EmbeddingPrompts prompts)
    {
        if (prompts.IsEmpty)
        {
            return Identity(name);
        }

        var text = string.Join('\u0001', prompts.QueryPrefix ?? "\u0002", prompts.PassagePrefix ?? "\u0002", prompts.InstructionPrompt ?? "\u0002");
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        return $"{Identity(name)}|prompts:{hash[..16]}";
    }

    /// <summary>
    /// A stable identity of the model <paramref name="name"/> for the run's caches and manifest: for a file or folder,
    /// its name, size and modification time (so a replaced model is not mistaken for the old one).
    /// </summary>
    public static string Identity(string name)
    {
        if (File.Exists(name))
        {
            var file = new FileInfo(name);
            return $"{file.Name}:{file.Length}:{file.LastWriteTimeUtc.Ticks}";
        }

        if (Directory.Exists(name))
        {
            var folder = new DirectoryInfo(name);
            var size = folder.EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
            var newest = folder.EnumerateFiles("*", SearchOption.AllDirectories).Select(f => f.LastWriteTimeUtc.Ticks).DefaultIfEmpty().Max();
            return $"{folder.Name}/:{size}:{newest}";
        }

        return name;
    }

    private T GetOrOpen<T>(Dictionary<string, T> opened, string name, Func<T> open, bool owned = true)
        where T : IDisposable
    {
        if (!opened.TryGetValue(name, out var model))
        {
            model = open();
            if (owned)
            {
                this.opened.Add(model);
            }

            opened[name] = model;
        }

        return model;
    }

    // A local GGUF model on our llama.cpp runtime; the shared runtime owns it and disposes it with the catalog.
    private T OpenLocal<T>(string option, string path, Func<T> open)
    {
        if (!File.Exists(path))
        {
            throw new ModelNameException($"{option}: the GGUF model '{path}' does not exist.");
        }

        try
        {
            LlamaLibrary.Load(options.LlamaLibrary);
            return open();
        }
        catch (LlamaException e)
        {
            throw new ModelNameException($"{option}: {e.Message}");
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        for (var i = opened.Count - 1; i >= 0; i--)
        {
            opened[i].Dispose();
        }

        opened.Clear();
        local.Dispose();
        options.Remote?.Dispose();
        return ValueTask.CompletedTask;
    }
}
