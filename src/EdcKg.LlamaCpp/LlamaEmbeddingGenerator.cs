using EdcKg.Core.Prompts;
using EdcKg.Core.Retrieval;
using EdcKg.LlamaCpp.Native;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdcKg.LlamaCpp;

/// <summary>
/// An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over a GGUF embedding model: inputs are packed into one
/// batch as separate sequences, pooled by llama.cpp and normalised. Texts longer than the model's trained context
/// (512 tokens for a BERT model such as bge-small) are truncated there with a warning, as the ONNX embedder does; the
/// prompts follow the rule of every embedder (<see cref="EmbeddingPrompts.Resolve"/>), the model's own read from a
/// <c>config_sentence_transformers.json</c> beside the GGUF. Safe for concurrent use (calls take turns on the one
/// context).
/// </summary>
public sealed class LlamaEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly LlamaModel model;
    private readonly bool ownsModel;
    private readonly LlamaEmbeddingOptions options;
    private readonly SafeLlamaContextHandle context;
    private readonly nint memory;
    private readonly int batchSize;
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly EmbeddingGeneratorMetadata metadata;
    private readonly EmbeddingPrompts prompts;
    private readonly ILogger logger;
    private int disposed;

    /// <summary>Creates a generator over a loaded <paramref name="model"/> (which the caller keeps owning).</summary>
    /// <exception cref="LlamaException">The context cannot be created, or the prompts file beside the model is not valid JSON.</exception>
    public LlamaEmbeddingGenerator(LlamaModel model, LlamaEmbeddingOptions? options = null, ILogger? logger = null)
        : this(model, options ?? new LlamaEmbeddingOptions(), ownsModel: false, logger)
    {
    }

    private LlamaEmbeddingGenerator(LlamaModel model, LlamaEmbeddingOptions options, bool ownsModel, ILogger? logger)
    {
        this.model = model;
        this.options = options;
        this.ownsModel = ownsModel;
        this.logger = logger ?? NullLogger.Instance;
        prompts = EmbeddingPrompts.Resolve(options.Prompts, ModelPrompts(model.Path));
        context = CreateContext((int)options.Pooling);
        if (options.Pooling == EmbeddingPooling.FromModel && NativeMethods.llama_pooling_type(context) == 0)
        {
            // The GGUF names no pooling: it is a decoder, whose last token has seen the whole input.
            context.Dispose();
            context = CreateContext((int)EmbeddingPooling.Last);
        }

        Pooling = (EmbeddingPooling)NativeMethods.llama_pooling_type(context);
        memory = NativeMethods.llama_get_memory(context);
        batchSize = (int)NativeMethods.llama_n_batch(context);

        // A text gets at most the positions the model was trained with (a BERT model has no more), and one decode.
        MaxSequenceLength = model.TrainedContextLength > 0 ? Math.Min(model.TrainedContextLength, batchSize) : batchSize;
        metadata = new EmbeddingGeneratorMetadata("llama.cpp", new Uri(model.Path), Path.GetFileName(model.Path), model.EmbeddingSize);
    }

    /// <summary>The pooling in effect.</summary>
    public EmbeddingPooling Pooling { get; }

    /// <summary>The most tokens of one text, special tokens included: the model's trained context, at most one batch.</summary>
    public int MaxSequenceLength { get; }

    /// <summary>The prompts in effect: those configured, then the model's own, then EDC's instruction prompt.</summary>
    public EmbeddingPrompts Prompts => prompts;

    /// <summary>Loads the GGUF embedding model at <paramref name="path"/> and creates a generator that owns it.</summary>
    /// <exception cref="LlamaException">The file cannot be loaded as an embedding model.</exception>
    public static LlamaEmbeddingGenerator Open(string path, LlamaEmbeddingOptions? options = null, ILogger? logger = null)
    {
        var model = LlamaModel.Load(path, new LlamaModelOptions { LibraryFolder = options?.LibraryFolder });
        try
        {
            return new LlamaEmbeddingGenerator(model, options ?? new LlamaEmbeddingOptions(), ownsModel: true, logger);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prefix = prompts.PrefixFor(options);
        var texts = values.Select(v => prefix + v).ToList();
        var inputs = texts.Select(t => model.Tokenize(t, addBos: model.AddBos, parseSpecial: false)).ToList();
        var truncated = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Length > MaxSequenceLength)
            {
                inputs[i] = Truncate(texts[i], inputs[i]);
                truncated++;
            }
        }

        if (truncated > 0)
        {
            logger.LogWarning(
                "{Count} of {Total} texts were longer than the {Max} tokens of {Model} and were truncated.",
                truncated,
                inputs.Count,
                MaxSequenceLength,
                metadata.DefaultModelId);
        }

        var vectors = new float[inputs.Count][];
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var next = 0;
            while (next < inputs.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var group = new List<int>();
                var tokens = 0;
                while (next < inputs.Count && group.Count < this.options.MaxSequences && tokens + inputs[next].Length <= batchSize)
                {
                    tokens += inputs[next].Length;
                    group.Add(next++);
                }

                Embed(inputs, group, tokens, vectors);
            }
        }
        finally
        {
            turn.Release();
        }

        var total = inputs.Sum(t => t.Length);
        return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = metadata.DefaultModelId, CreatedAt = DateTimeOffset.UtcNow }))
        {
            Usage = new UsageDetails { InputTokenCount = total, TotalTokenCount = total },
        };
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    /// <summary>Frees the context, and the model when the generator loaded it; later calls do nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        // Waits for a call in progress; the turn is never released again, so later calls cannot touch the context.
        turn.Wait();
        context.Dispose();
        if (ownsModel)
        {
            model.Dispose();
        }
    }

    private static EmbeddingPrompts ModelPrompts(string path)
    {
        try
        {
            return Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder ? EmbeddingPromptsFile.Read(folder) : EmbeddingPrompts.None;
        }
        catch (InvalidDataException e)
        {
            throw new LlamaException(e.Message);
        }
    }

    // Cut as Hugging Face does: the text's tokens are shortened and the special tokens that frame them ([CLS] … [SEP],
    // or a decoder's BOS … EOS) are kept, so the last-token or CLS state still sees a whole input.
    private int[] Truncate(string text, int[] tokens)
    {
        var plain = model.Tokenize(text, addBos: false, parseSpecial: false).Length;
        var framing = Math.Max(0, tokens.Length - plain);
        var leading = model.AddBos && framing > 0 ? 1 : 0;
        var trailing = framing - leading;
        var kept = new int[MaxSequenceLength];
        tokens.AsSpan(0, MaxSequenceLength - trailing).CopyTo(kept);
        tokens.AsSpan(tokens.Length - trailing).CopyTo(kept.AsSpan(MaxSequenceLength - trailing));
        return kept;
    }

    private SafeLlamaContextHandle CreateContext(int pooling)
    {
        var parameters = NativeMethods.llama_context_default_params();
        parameters.NCtx = (uint)options.BatchSize;
        parameters.NBatch = (uint)options.BatchSize;
        // Pooled embeddings need every token of a sequence in one micro-batch.
        parameters.NUbatch = (uint)options.BatchSize;
        parameters.NSeqMax = (uint)options.MaxSequences;
        parameters.NThreads = options.Threads ?? Environment.ProcessorCount;
        parameters.NThreadsBatch = parameters.NThreads;
        parameters.Embeddings = 1;
        parameters.PoolingType = pooling;
        parameters.KvUnified = 1;
        parameters.NoPerf = 1;
        var pointer = NativeMethods.llama_init_from_model(model.Handle, parameters);
        if (pointer == nint.Zero)
        {
            throw new LlamaException($"llama.cpp could not create an embedding context for '{model.Path}'.");
        }

        return new SafeLlamaContextHandle(pointer, model.Handle);
    }

    private unsafe void Embed(List<int[]> inputs, List<int> group, int tokens, float[][] vectors)
    {
        var batch = NativeMethods.llama_batch_init(Math.Max(1, tokens), 0, 1);
        try
        {
            var count = 0;
            for (var sequence = 0; sequence < group.Count; sequence++)
            {
                var input = inputs[group[sequence]];
                for (var position = 0; position < input.Length; position++)
                {
                    batch.Token[count] = input[position];
                    batch.Pos[count] = position;
                    batch.NSeqId[count] = 1;
                    batch.SeqId[count][0] = sequence;
                    batch.Logits[count] = (sbyte)(position == input.Length - 1 ? 1 : 0);
                    count++;
                }
            }

            batch.NTokens = count;
            NativeMethods.llama_memory_clear(memory, true);
            if (count > 0)
            {
                var code = NativeMethods.llama_decode(context, batch);
                if (code != 0)
                {
                    throw new LlamaDecodeException(code);
                }
            }

            var width = model.EmbeddingSize;
            for (var sequence = 0; sequence < group.Count; sequence++)
            {
                var vector = new float[width];
                if (inputs[group[sequence]].Length > 0)
                {
                    var pooled = NativeMethods.llama_get_embeddings_seq(context, sequence);
                    if (pooled is null)
                    {
                        throw new LlamaException($"llama.cpp returned no pooled embedding for '{model.Path}' (pooling {Pooling}).");
                    }

                    new ReadOnlySpan<float>(pooled, width).CopyTo(vector);
                    if (options.Normalize)
                    {
                        VectorNormalization.ToUnitLength(vector);
                    }
                }

                vectors[group[sequence]] = vector;
            }
        }
        finally
        {
            NativeMethods.llama_batch_free(batch);
        }
    }
}
