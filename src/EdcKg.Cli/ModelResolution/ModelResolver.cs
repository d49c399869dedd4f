using EdcKg.Core.Models;
using EdcKg.Core.Pipeline;
using EdcKg.LlamaCpp;
using EdcKg.LlamaCpp.Native;
using EdcKg.Onnx;
using EdcKg.OpenAi;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdcKg.Cli.ModelResolution;

/// <summary>
/// The one way a command opens a role's model from an option value: a GGUF file (by its magic bytes, whatever its
/// name) runs on the local llama.cpp runtime of <c>--llama-lib</c>, a sentence-transformers ONNX folder (or an
/// <c>.onnx</c> file in one) on onnxruntime, and a served model's name (<c>openai:MODEL</c>, or any name that is not a
/// file or folder when endpoints are given) on the OpenAI-compatible backend. The same value opens one instance,
/// shared by every role that names it; everything opened is disposed with the resolver. Anything that cannot be
/// opened is a <see cref="ModelOpenException"/> naming the option.
/// </summary>
public sealed class ModelResolver : IAsyncDisposable
{
    private readonly Dictionary<string, IChatClient> chats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IEmbeddingGenerator<string, Embedding<float>>> embedders = new(StringComparer.Ordinal);
    private readonly List<IDisposable> owned = [];
    private readonly Lock gate = new();
    private readonly ModelOptions options;
    private readonly ILoggerFactory loggerFactory;
    private readonly LlamaBackends local;
    private readonly RemoteBackend remote;

    /// <summary>
    /// Creates a resolver that opens models with <paramref name="options"/>; nothing is loaded or contacted until a
    /// model is asked for. Remote retries and cool-downs wait on <paramref name="time"/> (the system clock when null).
    /// </summary>
    public ModelResolver(ModelOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        this.options = options;
        this.loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        var threads = options.Threads > 0 ? options.Threads : (int?)null;
        local = new LlamaBackends(
            new LlamaChatClientOptions
            {
                ContextSize = options.ContextSize,
                Threads = threads,
                GpuLayers = options.GpuLayers,
                MaxParallelSequences = Math.Max(1, options.Parallelism),
            },
            new LlamaEmbeddingOptions { Threads = threads, Prompts = options.EmbeddingPrompts },
            new LlamaModelOptions { LibraryFolder = options.LlamaLibrary },
            this.loggerFactory.CreateLogger("edckg.llama"));
        remote = new RemoteBackend(options.Remote ?? new RemoteOptions(), this.loggerFactory, time);
    }

    /// <summary>The endpoints of served models and their attempt counters (for the run's report).</summary>
    public IReadOnlyList<RemoteEndpoint> Endpoints => remote.Pool.Endpoints;

    /// <summary>
    /// What <paramref name="value"/> names, given as the value of <paramref name="option"/>; with
    /// <paramref name="endpointsGiven"/>, a name that is not a file or folder is a served model's.
    /// </summary>
    /// <exception cref="ModelOpenException">The value names nothing this build can open.</exception>
    public static ModelKind KindOf(string option, string? value, bool endpointsGiven)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ModelOpenException(option, "needs a model: a .gguf file, a sentence-transformers ONNX folder, or a served model (openai:MODEL, or any name with --llm-endpoint).");
        }

        if (value.StartsWith(RemoteBackend.Scheme, StringComparison.Ordinal))
        {
            return RemoteBackend.ServedName(value) is null
                ? throw new ModelOpenException(option, $"'{value}' names no model: write openai:MODEL, with MODEL as the server knows it.")
                : ModelKind.Served;
        }

        if (File.Exists(value))
        {
            if (LlamaBackends.IsGguf(value))
            {
                return ModelKind.Gguf;
            }

            return value.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)
                ? ModelKind.Onnx
                : throw new ModelOpenException(option, $"'{value}' is neither a GGUF file (it does not start with the GGUF magic bytes) nor an .onnx file in a sentence-transformers folder.");
        }

        if (Directory.Exists(value))
        {
            return ModelKind.Onnx;
        }

        if (value.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) || value.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelOpenException(option, $"the model file '{value}' does not exist.");
        }

        return endpointsGiven
            ? ModelKind.Served
            : throw new ModelOpenException(option, $"'{value}' does not exist, and is not a model this build can open (a .gguf file, a sentence-transformers ONNX folder, or a served model: openai:MODEL, or any name with --llm-endpoint).");
    }

    /// <summary>The chat model of <paramref name="role"/> named by <paramref name="value"/> (given as <paramref name="option"/>, by default the role's option).</summary>
    /// <exception cref="ModelOpenException">The value names no chat model this build can open.</exception>
    public IChatClient Chat(ModelRole role, string value, string? option = null)
    {
        option ??= role.OptionName();
        lock (gate)
        {
            if (chats.TryGetValue(value, out var opened))
            {
                return opened;
            }

            var chat = KindOf(option, value, EndpointsGiven) switch
            {
                ModelKind.Gguf => Local(option, value, () => local.ChatClient(value)),
                ModelKind.Served => Owned(remote.OpenChat(value)),
                _ => throw new ModelOpenException(option, $"'{value}' is a sentence-transformers embedding model, not a chat model (expected a .gguf file or a served model)."),
            };
            chats[value] = chat;
            return chat;
        }
    }

    /// <summary>The embedder of <paramref name="role"/> named by <paramref name="value"/> (given as <paramref name="option"/>, by default the role's option).</summary>
    /// <exception cref="ModelOpenException">The value names no embedder this build can open.</exception>
    public IEmbeddingGenerator<string, Embedding<float>> Embedder(ModelRole role, string value, string? option = null)
    {
        option ??= role.OptionName();
        lock (gate)
        {
            if (embedders.TryGetValue(value, out var opened))
            {
                return opened;
            }

            var embedder = KindOf(option, value, EndpointsGiven) switch
            {
                ModelKind.Gguf => Local(option, value, () => local.EmbeddingGenerator(value)),
                ModelKind.Onnx => Owned(OpenOnnx(option, value)),
                _ => Owned(remote.OpenEmbedder(value, options.EmbeddingPrompts)),
            };
            embedders[value] = embedder;
            return embedder;
        }
    }

    /// <summary>
    /// Opens the model of every EDC role in <paramref name="models"/> (<see cref="ModelRoles.Resolve"/> fills the roles
    /// left out); the entity-extraction model and the schema retriever's embedder only when <paramref name="refining"/>.
    /// <paramref name="option"/> names a role's option or setting in errors (by default its command-line option).
    /// </summary>
    /// <exception cref="ModelOpenException">A role's model cannot be opened, or a role every run needs has none.</exception>
    public EdcBackends OpenBackends(IReadOnlyDictionary<ModelRole, string> models, bool refining, Func<ModelRole, string>? option = null)
    {
        option ??= r => r.OptionName();
        string Of(ModelRole role) => models.GetValueOrDefault(role) ?? throw new ModelOpenException(option(role), "needs a model.");
        return new EdcBackends(
            Chat(ModelRole.OpenExtraction, Of(ModelRole.OpenExtraction), option(ModelRole.OpenExtraction)),
            Chat(ModelRole.SchemaDefinition, Of(ModelRole.SchemaDefinition), option(ModelRole.SchemaDefinition)),
            Chat(ModelRole.SchemaCanonicalization, Of(ModelRole.SchemaCanonicalization), option(ModelRole.SchemaCanonicalization)),
            Embedder(ModelRole.CanonicalizationEmbedder, Of(ModelRole.CanonicalizationEmbedder), option(ModelRole.CanonicalizationEmbedder)),
            refining ? Chat(ModelRole.EntityExtraction, Of(ModelRole.EntityExtraction), option(ModelRole.EntityExtraction)) : null,
            refining ? Embedder(ModelRole.SchemaRetrieverEmbedder, Of(ModelRole.SchemaRetrieverEmbedder), option(ModelRole.SchemaRetrieverEmbedder)) : null);
    }

    /// <summary>
    /// The identity that the run's caches and manifest record for the model <paramref name="value"/> of
    /// <paramref name="role"/>: an embedder's includes the prompts configured, since they change every vector.
    /// </summary>
    public string Identity(ModelRole role, string value)
        => role.IsEmbedder() ? ModelIdentity.Of(value, options.EmbeddingPrompts) : ModelIdentity.Of(value);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        lock (gate)
        {
            for (var i = owned.Count - 1; i >= 0; i--)
            {
                owned[i].Dispose();
            }

            owned.Clear();
            chats.Clear();
            embedders.Clear();
            local.Dispose();
            remote.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private bool EndpointsGiven => options.Remote?.Endpoints.Count > 0;

    private T Owned<T>(T model)
        where T : IDisposable
    {
        owned.Add(model);
        return model;
    }

    // A GGUF on the local llama.cpp runtime, loaded from --llama-lib; the shared runtime owns it and disposes it.
    private T Local<T>(string option, string path, Func<T> open)
    {
        try
        {
            LlamaLibrary.Load(options.LlamaLibrary);
            return open();
        }
        catch (LlamaException e)
        {
            throw new ModelOpenException(option, e.Message, e);
        }
    }

    private IEmbeddingGenerator<string, Embedding<float>> OpenOnnx(string option, string path)
    {
        var onnx = new OnnxEmbedderOptions
        {
            Threads = options.Threads > 0 ? options.Threads : null,
            Prompts = options.EmbeddingPrompts,
        };
        var folder = path;
        if (File.Exists(path))
        {
            // An ONNX file names its variant (model_quantized.onnx…); its folder (or the one above onnx/) has the tokenizer.
            onnx = onnx with { ModelFileName = Path.GetFileName(path) };
            folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (Path.GetFileName(folder) == "onnx" && !File.Exists(Path.Combine(folder, "config.json")))
            {
                folder = Path.GetDirectoryName(folder)!;
            }
        }

        try
        {
            return OnnxSentenceEmbedder.Open(folder, onnx, loggerFactory.CreateLogger("edckg.onnx"));
        }
        catch (OnnxModelException e)
        {
            throw new ModelOpenException(option, e.Message, e);
        }
    }
}
