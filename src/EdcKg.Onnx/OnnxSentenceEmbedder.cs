using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using EdcKg.Core.Prompts;
using EdcKg.Core.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace EdcKg.Onnx;

/// <summary>
/// Sentence embeddings from a sentence-transformers ONNX export, in process. One <see cref="InferenceSession"/> is
/// shared by all callers (onnxruntime runs are thread-safe); texts go through in padded batches with attention
/// masks, sorted by length so little is padded; pooling and normalisation follow the model's own configuration.
/// The <see cref="EmbeddingRole"/> in the options (see <see cref="EmbeddingOptionKeys"/>; passage when unset) picks the
/// passage prefix, the query prefix, or for a query with an instruction the instruction prompt.
/// </summary>
public sealed class OnnxSentenceEmbedder : IEmbeddingGenerator<string, Embedding<float>>
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";

    private readonly InferenceSession session;
    private readonly WordPieceEncoder encoder;
    private readonly SentenceTransformerFolder folder;
    private readonly OnnxEmbedderOptions options;
    private readonly EmbeddingPrompts prompts;
    private readonly ILogger logger;
    private readonly string[] inputNames;
    private readonly string[] outputNames;
    private readonly Lazy<string> fingerprint;

    private OnnxSentenceEmbedder(SentenceTransformerFolder folder, OnnxEmbedderOptions options, InferenceSession session, ILogger logger)
    {
        this.folder = folder;
        this.options = options;
        this.session = session;
        this.logger = logger;
        encoder = new WordPieceEncoder(folder);
        inputNames = CheckInputs(session, folder.ModelPath);
        outputNames = [PickOutput(session, folder.ModelPath)];
        prompts = EmbeddingPrompts.Resolve(options.Prompts, folder.Prompts);
        ModelId = $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder.Folder)))}/{Path.GetFileName(folder.ModelPath)}";
        Dimension = OutputWidth(session, outputNames[0]) ?? folder.Dimension ?? Embed(["dimension probe"], string.Empty)[0].Length;
        if (folder.Dimension is { } declared && declared != Dimension)
        {
            throw new OnnxModelException($"'{folder.ModelPath}' produces {Dimension}-dimensional states but the model folder declares {declared} dimensions.");
        }

        fingerprint = new Lazy<string>(ComputeFingerprint);
        Metadata = new EmbeddingGeneratorMetadata("onnxruntime", new Uri(Path.GetFullPath(folder.ModelPath)), ModelId, Dimension);
    }

    /// <summary>The width of every vector.</summary>
    public int Dimension { get; }

    /// <summary>Names the model: its folder and ONNX file, e.g. <c>e5-small-v2/model_quantized.onnx</c>.</summary>
    public string ModelId { get; }

    /// <summary>
    /// A SHA-256 over everything that decides the vectors (the ONNX file, the vocabulary, casing, maximum length,
    /// pooling, normalisation and prefixes): two embedders with the same fingerprint give the same vectors, so a
    /// cache of embeddings can key on it. Computed on first use (it reads the whole model file).
    /// </summary>
    public string Fingerprint => fingerprint.Value;

    /// <summary>The prefix of texts embedded as <see cref="EmbeddingRole.Query"/> without an instruction.</summary>
    public string QueryPrefix => prompts.QueryPrefix ?? string.Empty;

    /// <summary>The prefix of texts embedded as <see cref="EmbeddingRole.Passage"/>, the role of texts when none is given.</summary>
    public string PassagePrefix => prompts.PassagePrefix ?? string.Empty;

    /// <summary>The prompts in effect: those configured, then the folder's own, then EDC's instruction prompt.</summary>
    public EmbeddingPrompts Prompts => prompts;

    /// <summary>The most tokens of one text, [CLS] and [SEP] included; longer texts are truncated with a warning.</summary>
    public int MaxSequenceLength => encoder.MaxLength;

    /// <summary>The pooling the model's configuration asks for.</summary>
    public PoolingMode Pooling => folder.Pooling;

    /// <summary>Whether vectors are scaled to unit length.</summary>
    public bool Normalizes => folder.Normalize;

    /// <inheritdoc />
    public EmbeddingGeneratorMetadata Metadata { get; }

    /// <summary>
    /// Opens the sentence-transformers export in <paramref name="modelFolder"/>.
    /// </summary>
    /// <exception cref="OnnxModelException">A file is missing or invalid, or the graph takes inputs a sentence embedder cannot fill.</exception>
    public static OnnxSentenceEmbedder Open(string modelFolder, OnnxEmbedderOptions? options = null, ILogger? logger = null)
    {
        options ??= new OnnxEmbedderOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options.MaxBatchSize));
        if (options.Threads is { } threads)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1, nameof(options.Threads));
        }
        var folder = SentenceTransformerFolder.Read(modelFolder, options);

        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.Threads ?? Environment.ProcessorCount,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };

        InferenceSession session;
        try
        {
            session = new InferenceSession(folder.ModelPath, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new OnnxModelException($"onnxruntime cannot load '{folder.ModelPath}': {e.Message}", e);
        }

        try
        {
            return new OnnxSentenceEmbedder(folder, options, session, logger ?? NullLogger.Instance);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The WordPiece tokens a text becomes, [CLS] and [SEP] included (no prefix added).</summary>
    public IReadOnlyList<string> Tokenize(string text) => encoder.Tokens(text);

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var vectors = Embed(values.ToArray(), PrefixFor(options), cancellationToken);
        var created = DateTimeOffset.UtcNow;
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(vectors.Length);
        foreach (var vector in vectors)
        {
            embeddings.Add(new Embedding<float>(vector) { ModelId = ModelId, CreatedAt = created });
        }

        return Task.FromResult(embeddings);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return Metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose() => session.Dispose();

    /// <summary>The text put before each input for the role and instruction <paramref name="options"/> ask for.</summary>
    public string PrefixFor(EmbeddingGenerationOptions? options) => prompts.PrefixFor(options);

    private float[][] Embed(string[] texts, string prefix, CancellationToken cancellationToken = default)
    {
        var encoded = new int[texts.Length][];
        var truncated = 0;
        for (var i = 0; i < texts.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(texts[i], nameof(texts));
            encoded[i] = encoder.Encode(prefix + texts[i], out var cut);
            truncated += cut ? 1 : 0;
        }

        if (truncated > 0)
        {
            logger.LogWarning(
                "{Count} of {Total} texts were longer than the {Max} tokens of {Model} and were truncated.",
                truncated,
                texts.Length,
                encoder.MaxLength,
                ModelId);
        }

        // Similar lengths share a batch, so a batch pads to little more than its texts need.
        var order = Enumerable.Range(0, texts.Length).OrderBy(i => encoded[i].Length).ToArray();
        var vectors = new float[texts.Length][];
        for (var start = 0; start < order.Length; start += options.MaxBatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(options.MaxBatchSize, order.Length - start));
            RunBatch(batch, encoded, vectors);
        }

        return vectors;
    }

    private void RunBatch(ReadOnlySpan<int> batch, int[][] encoded, float[][] vectors)
    {
        var rows = batch.Length;
        var width = 0;
        foreach (var index in batch)
        {
            width = Math.Max(width, encoded[index].Length);
        }

        var cells = rows * width;
        var ids = ArrayPool<long>.Shared.Rent(cells);
        var mask = ArrayPool<long>.Shared.Rent(cells);
        var types = ArrayPool<long>.Shared.Rent(cells);
        try
        {
            ids.AsSpan(0, cells).Fill(encoder.PaddingId);
            mask.AsSpan(0, cells).Clear();
            types.AsSpan(0, cells).Clear();
            for (var r = 0; r < rows; r++)
            {
                var tokens = encoded[batch[r]];
                for (var t = 0; t < tokens.Length; t++)
                {
                    ids[r * width + t] = tokens[t];
                    mask[r * width + t] = 1;
                }
            }

            long[] shape = [rows, width];
            var inputs = new OrtValue[inputNames.Length];
            try
            {
                for (var i = 0; i < inputNames.Length; i++)
                {
                    var data = inputNames[i] switch
                    {
                        InputIds => ids,
                        AttentionMask => mask,
                        _ => types,
                    };
                    inputs[i] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, data.AsMemory(0, cells), shape);
                }

                using var runOptions = new RunOptions();
                using var outputs = session.Run(runOptions, inputNames, inputs, outputNames);
                ReadVectors(outputs[0], batch, encoded, width, vectors);
            }
            finally
            {
                foreach (var input in inputs)
                {
                    input?.Dispose();
                }
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<long>.Shared.Return(mask);
            ArrayPool<long>.Shared.Return(types);
        }
    }

    private void ReadVectors(OrtValue output, ReadOnlySpan<int> batch, int[][] encoded, int width, float[][] vectors)
    {
        var shape = output.GetTensorTypeAndShape().Shape;
        var states = output.GetTensorDataAsSpan<float>();
        var hidden = (int)shape[^1];
        var pooled = shape.Length == 2;
        if (shape.Length is not (2 or 3) || shape[0] != batch.Length || (!pooled && shape[1] != width))
        {
            throw new OnnxModelException(
                $"'{folder.ModelPath}' returned a tensor of shape [{string.Join(", ", shape)}] for a batch of {batch.Length} × {width} tokens.");
        }

        for (var r = 0; r < batch.Length; r++)
        {
            var vector = new float[hidden];
            if (pooled)
            {
                states.Slice(r * hidden, hidden).CopyTo(vector);
            }
            else
            {
                var rowStates = states.Slice(r * width * hidden, width * hidden);
                TokenPooling.Pool(folder.Pooling, rowStates, hidden, encoded[batch[r]].Length, vector);
            }

            if (folder.Normalize)
            {
                VectorNormalization.ToUnitLength(vector);
            }

            vectors[batch[r]] = vector;
        }
    }

    private string ComputeFingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var model = File.OpenRead(folder.ModelPath))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = model.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        hash.AppendData(folder.Vocabulary);
        var settings = $"\n{folder.LowerCase}|{folder.StripAccents}|{encoder.MaxLength}|{folder.Pooling}|{folder.Normalize}|{QueryPrefix}|{PassagePrefix}|{prompts.InstructionPrompt}|{outputNames[0]}";
        hash.AppendData(Encoding.UTF8.GetBytes(settings));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string[] CheckInputs(InferenceSession session, string modelPath)
    {
        var names = session.InputNames.ToArray();
        foreach (var name in names)
        {
            if (name is not (InputIds or AttentionMask or TokenTypeIds))
            {
                throw new OnnxModelException(
                    $"'{modelPath}' takes an input '{name}' that a sentence embedder cannot fill; it may take only {InputIds}, {AttentionMask} and {TokenTypeIds}.");
            }

            var type = session.InputMetadata[name].ElementDataType;
            if (type != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int64)
            {
                throw new OnnxModelException($"'{modelPath}' takes '{name}' as {type}; sentence-transformers exports take int64 ids.");
            }
        }

        if (!names.Contains(InputIds))
        {
            throw new OnnxModelException($"'{modelPath}' takes no '{InputIds}' input; it does not look like a text encoder (inputs: {string.Join(", ", names)}).");
        }

        return names;
    }

    private static string PickOutput(InferenceSession session, string modelPath)
    {
        var names = session.OutputNames;
        string[] preferred = ["sentence_embedding", "last_hidden_state", "token_embeddings"];
        return preferred.FirstOrDefault(names.Contains)
            ?? names.FirstOrDefault()
            ?? throw new OnnxModelException($"'{modelPath}' has no outputs.");
    }

    private static int? OutputWidth(InferenceSession session, string output)
    {
        var dimensions = session.OutputMetadata[output].Dimensions;
        return dimensions.Length > 0 && dimensions[^1] > 0 ? dimensions[^1] : null;
    }
}
